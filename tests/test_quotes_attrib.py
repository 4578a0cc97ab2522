"""Quote attribution on real OrangeSum passages: unnamed bodies, possessive relations,
interview relays, and who a quote names in the third person."""

from conftest import quote_with as _speaker_of, quotes_of as _quotes


def test_bare_prefecture_takes_the_departement_of_the_passage(analyzer):
    # OrangeSum 481
    text = ("Le pont de Saint-Georges de l'Oyapock, qui relie la Guyane au Brésil, est par ailleurs désormais "
            "\"complètement fermé dans le sens Brésil-France. Le franchissement de la frontière vers la Guyane est "
            "ainsi complètement interdit\", a précisé la préfecture dans un communiqué diffusé dans la nuit.")
    q = _speaker_of(_quotes(analyzer, text), "complètement fermé")
    assert q.speaker.name == "Prefecture of Guyane"
    assert q.speaker.description == "la préfecture"
    assert q.channel == "communiqué"


def test_prefecture_named_by_its_complement(analyzer):
    # OrangeSum 258
    q = _speaker_of(_quotes(analyzer, "\"Le dispositif va être levé\", a annoncé la préfecture de police de Paris "
                                      "sur Twitter, peu avant 13H00."), "dispositif")
    assert q.speaker.name == "Paris Police Prefecture"
    assert q.channel == "Twitter"


def test_person_named_inside_a_direct_quote_is_not_its_speaker(analyzer):
    # OrangeSum 736: « elle » is the mother, not the son the quote names
    text = ("Christine Rivière, la mère du jihadiste Tyler Vilus, est jugée à Paris. Tyler Vilus est parti en Syrie "
            "en 2013. Evoquant son troisième séjour, elle explique: \"Je voulais revoir mon fils Tyler et la Syrie "
            "me manquait\".")
    q = _speaker_of(_quotes(analyzer, text), "revoir mon fils")
    assert q.speaker.name == "Christine Rivière"


def test_interview_stated_once_relays_the_named_interviewee(analyzer):
    # OrangeSum 3917: the medium of « dans un entretien avec le quotidien La Croix »
    text = ("\"L'évolution nous oblige, nous Européens, à affirmer notre autonomie stratégique, dans l'Alliance, "
            "pour assurer notre propre sécurité\", a déclaré le ministre français des Affaires étrangères "
            "Jean-Yves Le Drian dans un entretien avec le quotidien français La Croix à paraître mercredi.")
    q = _speaker_of(_quotes(analyzer, text), "autonomie stratégique")
    assert "La Croix" in q.via
    assert q.channel == "interview"


def test_vague_selon_phrase_is_no_relay(analyzer):
    # OrangeSum 3654: « selon les premières constatations » names no source
    text = ("Selon les premières constatations, \"la principale cause du décès est la noyade\", a décrit à l'AFP "
            "une source proche du dossier.")
    q = _speaker_of(_quotes(analyzer, text), "noyade")
    assert all("constatations" not in v for v in q.via)
    assert "Agence France-Presse" in q.via
