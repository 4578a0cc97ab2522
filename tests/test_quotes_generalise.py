"""Quote mechanisms checked on French news sentences written like OrangeSum's (none taken
from the dev gold articles): inverted incises without a comma or a hyphen, pronouns whose
antecedent is a role phrase or the passage's speaker, present-participle and « il »
frames, mixed quotes in complements, role phrases after the verb, interviews as relays,
vague speakers, withheld statements."""

from __future__ import annotations

import pytest

from conftest import quote_with as _one, quotes_of as _quotes
from veille.nlp.quotes.direct import _INVERTED
from veille.nlp.quotes.lexicon import load


def test_inverted_incise_forms():
    for tail, verb in ((", juge t-il prudemment", "juge"), (" implore-t-elle au micro", "implore"),
                       (", estime-t-il.", "estime"), (", aurait-il déclaré selon", "aurait"),
                       (", lance t-elle", "lance")):
        m = _INVERTED.match(tail)
        assert m is not None and m.group("verb") == verb, tail
    assert _INVERTED.match(", a indiqué le ministre") is None


def test_lexicon_complements_for_calls_and_attributes():
    lex = load()
    assert lex.verb("appeler").takes("a")
    assert lex.verb("enjoindre").takes("inf")
    assert lex.verb("dire").takes("attr")
    assert not lex.verb("exiger").takes("obj")  # « exiger le retrait » is a demand event, not speech


@pytest.mark.slow
def test_incise_without_comma_or_hyphen_takes_the_named_subject(analyzer):
    text = ("Le ministre de l'Intérieur Gérald Darmanin a reçu mardi les syndicats de policiers. "
            "\"Nous ne céderons rien sur les effectifs\", juge t-il prudemment.")
    q = _one(_quotes(analyzer, text), "Nous ne céderons rien")
    assert q.kind == "direct" and q.cue == "juger" and "Darmanin" in q.speaker.name


@pytest.mark.slow
def test_feminine_incise_after_closing_mark_without_comma(analyzer):
    text = ("La maire de Paris Anne Hidalgo a visité le chantier jeudi avec Bruno Le Maire. "
            "« Nous rouvrirons la cathédrale dans les délais. Je m'y engage » assure-t-elle devant la presse.")
    q = _one(_quotes(analyzer, text), "Nous rouvrirons la cathédrale")
    assert "Hidalgo" in q.speaker.name


@pytest.mark.slow
def test_pronoun_antecedent_can_be_a_role_phrase(analyzer):
    text = ("Le préfet de police a reçu les organisateurs de la marche. "
            "« Le parcours sera modifié pour des raisons de sécurité », estime-t-il.")
    q = _one(_quotes(analyzer, text), "Le parcours sera modifié")
    assert q.speaker.description and "préfet de police" in q.speaker.description


@pytest.mark.slow
def test_present_participle_frame_shares_the_main_subject(analyzer):
    text = ("Le Premier ministre Jean Castex a défendu le texte devant les députés, "
            "réfutant les accusations de laxisme portées par l'opposition.")
    q = _one(_quotes(analyzer, text), "les accusations de laxisme")
    assert q.cue == "réfuter" and "Castex" in q.speaker.name


@pytest.mark.slow
def test_il_before_reporting_verb_is_personal_and_fragments_are_mixed(analyzer):
    text = ("Yannick Jadot a reconnu sa défaite dimanche soir devant ses militants. "
            "Dénonçant une \"dérive inquiétante\", il se dit fier d'avoir porté \"une campagne utile pour le climat\"."
            "Il déclare ensuite que les écologistes doivent se rassembler.")
    qs = _quotes(analyzer, text)
    assert "Jadot" in _one(qs, "dérive inquiétante").speaker.name
    mixed = _one(qs, "une campagne utile pour le climat")
    assert "Jadot" in mixed.speaker.name
    said = _one(qs, "les écologistes doivent se rassembler")
    assert said.cue == "déclarer" and "Jadot" in said.speaker.name


@pytest.mark.slow
def test_call_with_a_quoted_fragment_and_an_injunction(analyzer):
    text = ("Le président ivoirien Alassane Ouattara a par ailleurs appelé à \"l'apaisement dans tout le pays\". "
            "Il a enjoint mardi l'opposition de renoncer au boycott du scrutin.")
    qs = _quotes(analyzer, text)
    call = _one(qs, "l'apaisement dans tout le pays")
    assert call.cue == "appeler" and "Ouattara" in call.speaker.name
    order = _one(qs, "de renoncer au boycott")
    assert order.cue == "enjoindre" and "Ouattara" in order.speaker.name


@pytest.mark.slow
def test_role_phrase_after_the_verb_picks_its_holder_not_the_last_name(analyzer):
    text = ("Le chef du gouvernement libyen, Fayez al-Sarraj, a reçu mardi à Tripoli l'ancien chef de l'Etat "
            "tunisien Moncef Marzouki. \"Nous voulons des élections avant la fin de l'année\", a ajouté le chef "
            "du gouvernement libyen.")
    q = _one(_quotes(analyzer, text), "Nous voulons des élections")
    assert "Sarraj" in q.speaker.name


@pytest.mark.slow
def test_interview_stated_once_relays_the_later_quotes(analyzer):
    text = ("Dans un entretien accordé au Parisien, la ministre de la Culture Roselyne Bachelot revient sur la "
            "fermeture des théâtres. « Je me bats chaque jour pour rouvrir les salles », affirme-t-elle.")
    q = _one(_quotes(analyzer, text), "Je me bats chaque jour")
    assert "Bachelot" in q.speaker.name
    assert any("parisien" in v.lower() for v in q.via)


@pytest.mark.slow
def test_insider_speaks_for_the_person_named_in_the_phrase(analyzer):
    text = ("Nicolas Sarkozy prépare sa défense. « Il ne lâchera rien devant les juges », confie un proche de "
            "Nicolas Sarkozy.")
    q = _one(_quotes(analyzer, text), "Il ne lâchera rien")
    assert "Sarkozy" in q.speaker.name and q.speaker.description == "un proche de Nicolas Sarkozy"


@pytest.mark.slow
def test_a_withheld_call_is_not_a_statement(analyzer):
    text = "L'opposant Alexeï Navalny a dénoncé le scrutin. Mais il s'est gardé d'appeler à des manifestations dans l'immédiat."
    qs = _quotes(analyzer, text)
    assert not [q for q in qs if "manifestations" in q.content.text]


@pytest.mark.slow
def test_narrative_infinitive_with_and_without_its_subject(analyzer):
    text = ("La ministre de la Santé Agnès Buzyn a visité l'hôpital de Rouen mardi. "
            "Et la ministre de préciser que les moyens seront débloqués dès janvier.")
    q = _one(_quotes(analyzer, text), "les moyens seront débloqués")
    assert q.cue == "préciser" and "Buzyn" in q.speaker.name
    text = ("« Nous tiendrons nos engagements », assure Bruno Le Maire. "
            "Et de vanter la solidité de l'économie française.")
    q = _one(_quotes(analyzer, text), "la solidité de l'économie")
    assert q.cue == "vanter" and "Le Maire" in q.speaker.name


@pytest.mark.slow
def test_definite_description_points_back_at_the_person(analyzer):
    text = ("Condamnée lundi à Bagdad, Mélina Boughedir attend son transfert. "
            "La jeune femme affirme qu'elle ignorait tout des activités de son mari.")
    q = _one(_quotes(analyzer, text), "elle ignorait tout")
    assert "Boughedir" in q.speaker.name and q.speaker.description == "La jeune femme"
