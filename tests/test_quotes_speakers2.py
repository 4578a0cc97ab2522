"""Speakers and relays on OrangeSum sentences: first names, titled media, addressees,
bound pronouns, definite descriptions, interlocutors."""

from conftest import quotes_of as _quotes
from veille.nlp.quotes.component import _without_sub_names
from veille.nlp.quotes.speakers import first_name_gender


def test_first_names_outvote_the_tagger():
    assert first_name_gender("Mélanie Serpaggi") == "Fem"
    assert first_name_gender("Nathalie Loiseau") == "Fem"
    assert first_name_gender("Jean Castex") == "Masc"
    assert first_name_gender("Serpaggi") is None  # a surname alone tells nothing


def test_sub_names_of_one_relay_are_one_relay():
    assert _without_sub_names(["France 3 Hauts-de-France", "France 3"]) == ["France 3 Hauts-de-France"]
    assert _without_sub_names(["Le Monde", "AFP"]) == ["Le Monde", "AFP"]


def test_elle_takes_the_woman_the_tagger_read_as_masculine(analyzer):
    text = ("Mélanie Serpaggi a raconté son histoire à France 3 Corse. Travaillant en tant qu'aide soignante à "
            "l'hôpital d'Ajaccio, elle a été contaminée au coronavirus le 8 mars dernier. Le 17 avril, un deuxième "
            "test lui apporte un premier espoir : il s'avère négatif, la soignante espère enfin être libérée. "
            "« Mon nez s'est arrêté de couler, c'est tout », se souvient-elle.")
    quotes = _quotes(analyzer, text, "2020-05-26")
    said = [q for q in quotes if "Mon nez" in q.content.text]
    assert said and said[0].speaker.name == "Mélanie Serpaggi"
    hope = [q for q in quotes if "libérée" in q.content.text]
    assert hope and hope[0].speaker.name == "Mélanie Serpaggi"  # « la soignante » is her


def test_a_titled_medium_is_not_the_medium_named_before(analyzer):
    text = ("Dans l'Indre, les poissons sont pêchés afin de les sauver du manque d'eau, rapportait franceinfo le "
            "18 septembre. \"Localement, 2 mois de pluie sont attendues en l'espace de 36 heures\", indique La Chaîne "
            "Météo. \"Des risques d'inondations sont à prévoir en raison de la sécheresse\", poursuit la chaîne.")
    quotes = _quotes(analyzer, text, "2019-09-20")
    rain = [q for q in quotes if "Localement" in q.content.text]
    floods = [q for q in quotes if "inondations" in q.content.text]
    assert rain and "Chaîne Météo" in rain[0].speaker.name
    assert floods and floods[0].speaker.name == rain[0].speaker.name


def test_the_medium_spoken_to_is_a_relay_not_the_speaker(analyzer):
    text = ("Samedi, des recherches étaient en cours mais \"il est possible que le bateau ait changé de direction\", "
            "a déclaré à l'AFP une responsable des garde-côtes.")
    q = _quotes(analyzer, text, "2020-09-19")[0]
    assert q.speaker.name == "une responsable des garde-côtes"
    assert q.via == ["Agence France-Presse"]


def test_a_pronoun_in_a_relative_clause_takes_the_person_of_its_sentence(analyzer):
    text = ("Le procureur Fabrice Tremel avait accusé le sénateur de \"malhonnêteté\". À l'origine de l'enquête, une "
            "lettre adressée à plusieurs personnes par un proche d'Yvon Collin, Jean-Pierre Gonzatti, dans laquelle il "
            "affirmait avoir remis au sénateur 40.000 euros pour financer une campagne électorale.")
    q = [q for q in _quotes(analyzer, text, "2017-11-03") if "40.000" in q.content.text]
    assert q and q[0].speaker.name == "Jean-Pierre Gonzatti"


def test_the_weekly_named_before_relays_the_interview(analyzer):
    text = ("Alain Juppé irait-il chercher ses soutiens chez Bruno Le Maire ? Possible, selon le Journal du Dimanche. "
            "Joint par téléphone par l'hebdomadaire, John Billard s'est dit « extrêmement surpris » de découvrir son "
            "soutien à Alain Juppé.")
    q = [q for q in _quotes(analyzer, text, "2016-06-05") if "surpris" in q.content.text]
    assert q and q[0].via == ["Le Journal du Dimanche"]


def test_a_titled_magazine_relays_nothing_named_before(analyzer):
    text = ("La mer du nord avait pris une couleur bleu fluorescent, rapporte France 3 lundi 1er juillet. \"Bien que "
            "splendide, le phénomène n'est pas sans danger pour la faune marine\", écrit le magazine Géo.")
    q = [q for q in _quotes(analyzer, text, "2019-07-02") if "splendide" in q.content.text]
    assert q and q[0].via == []
