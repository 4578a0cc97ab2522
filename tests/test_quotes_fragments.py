"""Quote mechanisms added for short fragments, channel nouns as subjects, participles after
incises and statements still to come, each on a real OrangeSum sentence (none from the dev
gold articles)."""

from __future__ import annotations

from conftest import quote_with as _one, quotes_of as _quotes
from veille.nlp.quotes.lexicon import load


def test_lexicon_chiffrer_takes_a_figure():
    assert load().verb("chiffrer").takes("a")


def test_two_word_fragment_governed_by_reporting_verb(analyzer):
    # OrangeSum 9231
    text = ("Réunis lundi matin en visio-conférence, des dirigeants de la CDU, le parti d'Angela Merkel, "
            "ont dénoncé un \"signal dévastateur\".")
    q = _one(_quotes(analyzer, text), "signal dévastateur")
    assert q.kind == "mixed" and q.cue == "dénoncer"
    assert q.content.text.startswith("un \"signal")


def test_two_word_scare_quote_without_reporting_verb_is_not_a_quote(analyzer):
    # OrangeSum 1415, the sentence before the quote: no reporting verb, no quote
    text = ("Les rivaux des Etats-Unis dans le monde, Chine et Iran en tête, n'ont eux pas laissé passer "
            "l'occasion de critiquer Washington.")
    assert _quotes(analyzer, text) == []


def test_opening_mark_on_the_verb_keeps_the_fragment(analyzer):
    # OrangeSum 1415: the parser hangs the opening mark outside the object
    text = "Pékin a notamment dénoncé la \"maladie chronique\" du racisme aux Etats-Unis."
    q = _one(_quotes(analyzer, text), "maladie chronique")
    assert q.kind == "mixed" and q.speaker.name == "China"


def test_participle_after_incise_shares_its_subject(analyzer):
    # OrangeSum 2968: « précisant » hangs on the quoted verb; the procureure speaks
    text = ("\"Plusieurs personnes sont actuellement en cours d'explications avec les services de "
            "gendarmerie\", a ajouté la procureure, précisant que des gardes à vue étaient en cours.")
    qs = _quotes(analyzer, text)
    direct = _one(qs, "Plusieurs personnes")
    assert direct.speaker.mention.text == "la procureure"
    later = _one(qs, "des gardes à vue étaient en cours")
    assert later.speaker.mention.text == "la procureure"


def test_statement_still_to_come_is_not_a_quote(analyzer):
    # OrangeSum 375: « devrait annoncer » reports nothing yet
    text = ("L'avionneur européen Airbus devrait annoncer mardi après-midi un plan de suppressions "
            "d'emploi de l'ordre de 15.000 postes.")
    assert not [q for q in _quotes(analyzer, text) if q.cue == "annoncer"]


def test_press_release_speaks_for_its_author(analyzer):
    # OrangeSum 34964: « un communiqué de la présidence » is a channel, the presidency speaks
    text = ("Un communiqué de la présidence française a annoncé la mort de deux militaires français, "
            "le brigadier-chef de première classe S. Grenier et le brigadier S. Verheyde.")
    q = _one(_quotes(analyzer, text), "la mort de deux militaires")
    assert q.speaker.mention.text == "la présidence française"
    assert q.channel == "communiqué"


def test_locution_mettre_en_garde_frames_the_quote(analyzer):
    # OrangeSum 1831: the tail « a encore mis en garde M. Mladenov » names the speaker
    text = ("\"J'essaie de réinstaller un dialogue (...) et j'ai peur que sans dialogue, sans donner une "
            "chance à la diplomatie, nous serons dans les semaines et les mois à venir, dans une situation "
            "beaucoup plus compliquée qu'aujourd'hui\", a encore mis en garde M. Mladenov.")
    q = _one(_quotes(analyzer, text), "réinstaller un dialogue")
    assert q.cue == "mettre en garde" and q.speaker.mention.text.endswith("Mladenov")


def test_selon_with_apposed_name_starts_content_after_the_name(analyzer):
    # OrangeSum 2315
    text = ("Selon le ministre de la Santé, Olivier Véran, ce plan concernera à la fois les hôpitaux "
            "et les Ehpad.")
    q = _one(_quotes(analyzer, text), "ce plan concernera")
    assert q.content.text.startswith("ce plan") and "Véran" in q.speaker.name


def test_subheading_between_dashes_is_not_a_quote(analyzer):
    # OrangeSum 2441: « - "A peine manger" - » is a subheading glued to the paragraphs
    text = ("Ces personnes \"ne revêtent aucune motivation sécuritaire ou d'espionnage\", confirme à l'AFP "
            "une source sécuritaire libanaise, sous le couvert de l'anonymat.- \"A peine manger\" -La monnaie "
            "nationale, la livre, a plongé à des niveaux record face au dollar.")
    qs = _quotes(analyzer, text)
    assert not [q for q in qs if "A peine manger" in q.content.text]
    assert [q for q in qs if "motivation sécuritaire" in q.content.text]


def test_attempt_to_confirm_is_not_a_statement(analyzer):
    # OrangeSum, municipal elections preview: « tenteront de confirmer » reports nothing said
    text = ("Les Républicains tenteront pour leur part de confirmer leurs bons résultats du premier tour "
            "dans les villes de plus de 9.000 habitants pour asseoir leur assise territoriale.")
    assert not [q for q in _quotes(analyzer, text) if q.cue == "confirmer"]


def test_medium_spoken_to_is_not_the_speaker(analyzer):
    # OrangeSum, Icelandic presidential election: the winner spoke to the AFP
    text = ("\"Je suis honoré et fier\", a déclaré le vainqueur à l'AFP en marge de sa soirée électorale "
            "au Grand Hôtel de Reykjavik.")
    for q in _quotes(analyzer, text):
        assert "AFP" not in q.speaker.name and "Agence France" not in q.speaker.name
