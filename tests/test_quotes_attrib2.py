"""Attribution round 2, on real OrangeSum passages: incise pronouns continue the last
speaker, « le quotidien » is the paper named before, « ce dernier » may be an
organization, a participle after an incise keeps the incise's speaker, polls relay
no one, an interview relays only its interviewee, local bodies keep their name."""

from conftest import quote_with as _q, quotes_of as _quotes


def test_incise_pronoun_takes_the_last_speaker_not_the_agency(analyzer):
    # OrangeSum 5698: « l'agence » quoted twice before, then an expert of an institute
    text = ("\"Les traîtres doivent payer pour leurs crimes\", écrit l'agence. \"Ce n'est que le début\", "
            "écrit encore l'agence.Des experts évoquent une accélération de la stratégie de Pyongyang pour faire "
            "monter la pression sur son voisin.Depuis les tirs à la DMZ, le Nord \"a essayé de créer des remous avec "
            "une provocation de faible ampleur\", avance Shin Beom-chul de l'Institut de recherche coréen pour la "
            "sécurité nationale.\"Il essaie de secouer la politique de la Corée du Sud envers le Nord\", a-t-il ajouté.")
    q = _q(_quotes(analyzer, text), "Il essaie de secouer")
    assert q.speaker.name == "Shin Beom-chul"


def test_selon_le_quotidien_is_the_paper_named_before(analyzer):
    # OrangeSum 2879
    text = ("Dans un article publié jeudi sur son site, Le Figaro écrit qu'Emmanuel Macron a envisagé de "
            "démissionner. \"Je suis sûr de gagner car il n'y a personne en face\", aurait-il assuré, selon le "
            "quotidien.")
    q = _q(_quotes(analyzer, text), "Je suis sûr de gagner")
    assert q.speaker.name == "Emmanuel Macron"
    assert q.via == ["Le Figaro"]


def test_ce_dernier_is_the_movement_named_last(analyzer):
    # OrangeSum 4695
    text = ("Le ministre yéménite de l'Information, Najib Ghallab, a exigé une enquête \"transparente\", et appelé "
            "le gouvernement comme le mouvement séparatiste sudiste (STC), qui a récemment pris le contrôle "
            "d'Aden, à coopérer.Ce dernier a également condamné le meurtre.")
    q = _q(_quotes(analyzer, text), "le meurtre")
    assert q.speaker.name == "STC"


def test_participle_after_an_incise_keeps_the_incise_speaker(analyzer):
    # OrangeSum 614
    text = ("Le couple Fillon a aussitôt fait appel de sa condamnation, ont annoncé leurs avocats, déplorant une "
            "décision de justice \"extrêmement sévère\".")
    quotes = _quotes(analyzer, text)
    q = _q(quotes, "extrêmement sévère")
    assert q.speaker.mention.text == "leurs avocats"
    assert "Fillon" not in q.speaker.name


def test_a_poll_is_no_relay(analyzer):
    # OrangeSum 792
    text = ("Selon une enquête Harris interactive pour TF1, LCI et RTL dimanche soir, une majorité de Français "
            "(55%) souhaite qu'il reste Premier ministre.")
    for q in _quotes(analyzer, text):
        assert not any("Harris" in v for v in q.via)


def test_parquet_of_a_town_is_named_by_its_phrase(analyzer):
    # OrangeSum 2599
    text = ("Un homme de 36 ans a été \"réveillé par les aboiements de son chien\". \"Lorsqu'il sort de son "
            "domicile, le propriétaire voit son véhicule exploser\", a indiqué samedi le parquet d'Ajaccio.")
    q = _q(_quotes(analyzer, text), "Lorsqu'il sort")
    assert q.speaker.name == "parquet d'Ajaccio"
    assert q.speaker.entity is None


def test_interview_relays_only_the_interviewee(analyzer):
    # OrangeSum 3917
    text = ("\"L'évolution nous oblige, nous Européens, à affirmer notre autonomie stratégique, dans l'Alliance, "
            "pour assurer notre propre sécurité\", a déclaré le ministre français des Affaires étrangères Jean-Yves "
            "Le Drian dans un entretien avec le quotidien français La Croix à paraître mercredi.- La Crimée annexée "
            "-Au cours d'un point de presse commun avec Heiko Maas, son homologue polonais Jacek Czaputowicz lui a "
            "apporté son soutien : \"De notre point de vue, les forces américaines en Allemagne servent aussi notre "
            "sécurité.\"La Pologne cherche depuis longtemps le renforcement de la présence américaine sur son sol mais "
            "M. Czaputowicz a assuré que les \"pourparlers\" avec les États-Unis n'avaient \"aucun lien avec les "
            "récentes déclarations américaines\".")
    quotes = _quotes(analyzer, text)
    assert _q(quotes, "L'évolution nous oblige").via == ["La Croix"]
    assert _q(quotes, "aucun lien").via == []
