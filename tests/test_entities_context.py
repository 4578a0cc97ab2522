"""Names whose referent depends on the article: the country it is about ("le Sénat",
"les démocrates", "le gouvernement"), the publication date (a party's former name),
a title inside a contraction ("au Parisien"), and small towns abroad. Real
OrangeSum sentences (outside the dev gold)."""

from __future__ import annotations

from veille.models import Article


def _ents(analyzer, text: str, published: str):
    return analyzer.analyze(Article(text=text, published=published)).entities


def _by_mention(entities, surface: str):
    return [e for e in entities for m in e.mentions if m.text == surface]


def test_senate_and_parties_follow_the_country_of_the_article(analyzer):
    text = ("Le président américain Donald Trump a signé le texte à Washington. Mais le texte présenté par les "
            "démocrates a déjà été déclaré \"mort-né\" par le président Donald Trump et les républicains du Sénat.")
    ents = _ents(analyzer, text, "2020-05-16")
    assert [e.name for e in _by_mention(ents, "démocrates")] == ["Democratic Party"]
    assert [e.name for e in _by_mention(ents, "républicains")] == ["Republican Party"]
    assert [e.id for e in _by_mention(ents, "Sénat")] == ["Q66096"]


def test_french_senate_and_government_in_a_french_story(analyzer):
    text = ("Le gouvernement a présenté mercredi son projet de loi en Conseil des ministres. "
            "Le texte sera examiné par l'Assemblée nationale puis par le Sénat en janvier, a indiqué Matignon.")
    ents = _ents(analyzer, text, "2019-11-13")
    senate = _by_mention(ents, "Sénat")
    assert senate and senate[0].name == "Senate" and senate[0].id != "Q66096"
    assert [e.name for e in _by_mention(ents, "gouvernement")] == ["Government of France"]
    # no US party read into "républicains" or "démocrates" here: there are none
    assert not any(e.name in ("Democratic Party", "Republican Party") for e in ents)


def test_a_foreign_government_is_not_the_french_one(analyzer):
    text = ("Le Royaume-Uni compte plus de 43.000 morts. Le gouvernement a néanmoins annoncé lundi le reconfinement "
            "de Leicester, au centre de l'Angleterre. Le Premier ministre britannique Boris Johnson s'est exprimé à Londres.")
    ents = _ents(analyzer, text, "2020-06-30")
    assert not any(e.name == "Government of France" for e in ents)


def test_a_party_keeps_the_name_it_had_on_the_publication_day(analyzer):
    text = "L'ancien président du Front national, Jean-Marie Le Pen, a une nouvelle fois dérapé sur son blog."
    before = _by_mention(_ents(analyzer, text, "2016-09-06"), "Front national")
    after = _by_mention(_ents(analyzer, text, "2019-02-23"), "Front national")
    assert before and before[0].name == "National Front" and before[0].id == "Q205150"
    assert after and after[0].name == "National Rally" and after[0].id == "Q205150"


def test_a_newspaper_title_inside_au_or_du(analyzer):
    text = ("Seul un référendum est à la hauteur de l'exigence climatique\", a fait valoir l'ancien ministre de "
            "François Hollande dans un entretien au Parisien.")
    ents = _ents(analyzer, text, "2020-06-19")
    assert [e.name for e in _by_mention(ents, "Parisien")] == ["Le Parisien"]


def test_a_surname_that_is_also_a_country_is_the_person_of_the_article(analyzer):
    text = ("La politique de Hollande \"triste\" et \"infâme\". Sur RTL, il a qualifié la politique de François "
            "Hollande d'une \"tristesse infinie\", sur Europe 1 \"infâme\".")
    ents = _ents(analyzer, text, "2016-04-08")
    assert [e.name for e in _by_mention(ents, "Hollande")] == ["François Hollande"]
    assert [e.name for e in _by_mention(ents, "Europe 1")] == ["Europe 1"]  # the radio, not the continent
    assert not any(e.name in ("Netherlands", "Europe") for e in ents)


def test_departments_and_small_towns_abroad(analyzer):
    text = ("Jura : trop éloignée de la maternité, une quatrième femme accouche sur la route de l'hôpital\n"
            "Cette mésaventure, plusieurs femmes l'ont connue dans le Jura, en raison de la fermeture de maternités "
            "de proximité, a rappelé France 3.")
    ents = _ents(analyzer, text, "2020-01-28")
    jura = _by_mention(ents, "Jura")
    assert jura and {e.id for e in jura} == {"iso:FR-39"}  # the department, not a Hungarian town
    assert [e.name for e in _by_mention(ents, "France 3")] == ["France 3"]


def test_a_first_name_is_not_a_city(analyzer):
    text = ("Cette victoire promise fait écho à celle d'Alexandria Ocasio-Cortez, qui avait détrôné, en 2018, une "
            "autre figure démocrate du Congrès, Joe Crowley.")
    ents = _ents(analyzer, text, "2020-06-26")
    assert not any(e.id.startswith("geonames:") for e in ents)


def test_le_pays_as_a_predicate_and_son_pays(analyzer):
    text = ("Avec plus de 8.100 morts officiellement enregistrés, l'Iran est le pays le plus touché par la pandémie "
            "au Moyen-Orient.")
    ents = _ents(analyzer, text, "2020-06-08")
    assert not _by_mention(ents, "le pays")
    text = ("Le président brésilien Jair Bolsonaro a menacé de retirer son pays de l'Organisation mondiale de la "
            "santé, à l'instar de son homologue américain Donald Trump.")
    ents = _ents(analyzer, text, "2020-06-06")
    assert [e.name for e in _by_mention(ents, "son pays")] == ["Brazil"]  # the country of the person just named


def test_a_firm_named_after_its_founder_is_not_cut_out_of_his_name(analyzer):
    text = "Ferdinand Porsche passait régulièrement à l'atelier de l'usine Porsche de Stuttgart."
    ents = _ents(analyzer, text, "2019-05-26")
    assert [e.name for e in _by_mention(ents, "Ferdinand Porsche")] == ["Ferdinand Porsche"]
    assert [e.id for e in _by_mention(ents, "Porsche")] == ["Q40993"]


def test_gazetteer_needs_a_big_city_or_its_country_for_other_spellings(analyzer):
    ents = _ents(analyzer, "Le corps a été retrouvé dans le Drac, près de Grenoble.", "2019-05-26")
    assert [e.linked for e in _by_mention(ents, "Drac")] == [False]  # a river, not Durrës
    ents = _ents(analyzer, "Le match se jouera à Barcelone puis à Francfort.", "2019-05-26")
    assert [e.name for e in _by_mention(ents, "Francfort")] == ["Frankfurt am Main"]
