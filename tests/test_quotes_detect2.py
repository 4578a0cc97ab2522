"""Quote detection and content spans, round 2 (issue #5): passive agents, « se dire prêt »,
characterizing cues, selon-phrases inside a sentence, glued quotes, « pour X » opinions,
clauses hanging on a cue, fragment titles. Real OrangeSum sentences (ids in comments),
none from the dev gold articles."""

from __future__ import annotations

from conftest import quote_with as _one, quotes_of as _quotes
from veille.nlp.quotes.marks import find_regions


def test_glued_paragraph_reopening_a_quote_does_not_nest():
    # OrangeSum 19353: « …lui a alors crié l'un d'entre eux. « Ne parle pas… »: the second «
    # reopens the quotation after a sentence end, it is not a quote inside the quote
    text = ("« Tu dois être expulsé, descends du tram. « Ne parle pas alors que tu n'es même pas "
            "d'Angleterre. Retourne en Afrique ! » a lancé l'un d'entre eux.")
    regions = find_regions(text)
    assert len(regions) == 1 and regions[0].close is not None
    assert text[regions[0].after:].startswith(" a lancé")


def test_true_nested_quote_still_nests():
    text = "Il a dit « le mot « paix » est vide » hier."
    (r,) = find_regions(text)
    assert text[r.start:r.end] == "le mot « paix » est vide"


def test_passive_agent_speaks(analyzer):
    # OrangeSum 19288
    text = ("Accusé par le président Erdogan d'avoir fomenté cette tentative de putsch, l'imam a "
            "fermement démenti la moindre responsabilité.")
    q = _one(_quotes(analyzer, text), "fomenté")
    assert q.content.text == "d'avoir fomenté cette tentative de putsch"
    assert "Erdo" in q.speaker.name


def test_se_dire_pret_takes_the_whole_complement(analyzer):
    # OrangeSum 11606: the purpose clause the parser hangs on « dit » belongs to the complement,
    # and « pour que » is no que-complement
    text = ("Yahya Sinouar, chef du Hamas dans la bande de Gaza, se disait préoccupé par le risque de "
            "contamination des détenus palestiniens. Dans la foulée, il s'est dit prêt à négocier un accord "
            "avec Israël pour que les prisonniers âgés et malades soient libérés.")
    q = _one(_quotes(analyzer, text), "prêt à négocier")
    assert q.content.text == ("prêt à négocier un accord avec Israël pour que les prisonniers âgés "
                              "et malades soient libérés")
    assert q.speaker.name == "Yahya Sinouar"


def test_describe_as_is_a_characterization_with_its_verb(analyzer):
    # OrangeSum 1375
    text = ("Elizabeth John, de l'ONG Traffic, a décrit cette interdiction comme \"une décision capitale "
            "pour la protection des tortues marines\".")
    q = _one(_quotes(analyzer, text), "une décision capitale")
    assert q.content.text.startswith("décrit cette interdiction comme")
    assert q.speaker.name == "Elizabeth John"


def test_selon_after_a_lead_in_leaves_the_lead_in_out(analyzer):
    # OrangeSum 639
    text = ("Les enquêteurs sont à Donchéry.Mardi, selon une source proche du dossier, les fouilles pourraient "
            "se poursuivre au Château de Sautou, autre ancienne propriété de Fourniret.")
    q = _one(_quotes(analyzer, text), "les fouilles")
    assert q.content.text.startswith("les fouilles pourraient") and "selon" not in q.content.text


def test_selon_after_a_full_clause_covers_what_follows(analyzer):
    # OrangeSum 6796
    text = ("Les yeux sont aussi tournés vers les Etats-Unis: une défaite de Donald Trump à la présidentielle "
            "de novembre pourrait saper le soutien américain au projet d'annexion d'où, selon des analystes, "
            "la courte fenêtre de tir d'environ six mois.")
    q = _one(_quotes(analyzer, text), "fenêtre de tir")
    assert q.content.text == "la courte fenêtre de tir d'environ six mois"


def test_quote_glued_to_the_previous_sentence_is_framed_by_its_incise(analyzer):
    # OrangeSum 5214: « …(ex-LR)."Maire ou ministre… », the sentence before is no frame
    text = ("Le ministre a ensuite ceint l'écharpe tricolore, en présence notamment de son ami Xavier Bertrand "
            "(ex-LR).\"Maire ou ministre, il faut choisir. Ah non, puisque le président Macron vous a autorisé "
            "à cumuler les deux postes\", avait ironisé au début du conseil municipal l'élu d'opposition "
            "Rémi Meurin.")
    qs = _quotes(analyzer, text)
    assert not any("écharpe" in q.content.text for q in qs)
    q = _one(qs, "Maire ou ministre")
    assert q.kind == "direct" and q.speaker.name == "Rémi Meurin"


def test_pour_group_with_a_judgement_is_an_opinion(analyzer):
    # OrangeSum 5636
    text = ("Le bâtiment a été démoli. Pour le gouvernement, la destruction du \"bloc Y\" pour faire place à de "
            "nouvelles constructions a été une décision difficile à prendre mais indispensable.")
    q = _one(_quotes(analyzer, text), "décision difficile")
    assert q.cue == "pour" and q.stance == "opinion"


def test_dashed_subheading_glued_before_a_quote_is_left_out(analyzer):
    # OrangeSum 5247: « …Jessica Lawson.- "Faim, pauvreté" -"Ces hausses…", a-t-elle ajouté »
    text = ("\"Les prix vont continuer d'augmenter\", a averti une porte-parole du PAM, Jessica Lawson.- \"Faim, "
            "pauvreté\" -\"Ces hausses de prix risquent de plonger encore plus de gens dans la faim, la pauvreté, et "
            "l'insécurité alimentaire\", a-t-elle ajouté.")
    qs = _quotes(analyzer, text)
    assert not any("Faim, pauvreté" in q.content.text for q in qs)
    q = _one(qs, "Ces hausses")
    assert q.content.text.strip('"').startswith("Ces hausses de prix")
