"""Speakers and relays on unseen OrangeSum passages: relays stated in the frame (« à l'AFP »,
« au Parisien », « sur France 2 », « auprès de l'AFP »), interviews stated once, channels of a
post, relatives and insiders named by their complement, apposed and fronted names, mixed
quotes whose subject is not their speaker, floating quotes after a new subject."""

from conftest import quote_with as _speaker_of, quotes_of as _quotes

from veille.nlp.quotes.context import media_names


def test_media_of_the_knowledge_base_are_known_by_their_aliases():
    names = media_names()
    assert names["bfmtv"] == "BFM TV"
    assert names["afp"] == "Agence France-Presse"
    assert names["sud ouest"] == "Sud Ouest"


def test_medium_spoken_to_after_the_speaker_relays_the_quote(analyzer):
    # OrangeSum 15444
    text = ("« Ces professionnels de santé sont habitués à faire attention, ils entrent par la porte de service "
            "avec un badge », détaille Ago Correia au Parisien. « Je nettoie à la javel les poignées de porte. »")
    quotes = _quotes(analyzer, text)
    assert _speaker_of(quotes, "habitués").via == ["Le Parisien"]
    assert _speaker_of(quotes, "javel").via == ["Le Parisien"]  # the floating quote goes on


def test_medium_glued_to_a_heading_still_relays(analyzer):
    # OrangeSum 34431: « l'AFP.- Plates-formes en ligne - »
    text = ("\"Les prévisions pour 2020 sont bien moindres\", déplore le producteur Mohamed Hefzy. \"Nous allons "
            "devoir attendre le retour complet à la normale\", indique-t-il à l'AFP.- Plates-formes en ligne "
            "-Partout dans le monde, le confinement a contribué à l'essor du streaming.")
    q = _speaker_of(_quotes(analyzer, text), "retour complet")
    assert q.speaker.name.endswith("Hefzy")
    assert q.via == ["Agence France-Presse"]


def test_television_the_words_were_said_on_relays_them(analyzer):
    # OrangeSum 26015
    text = ("\"Aujourd'hui il faut regarder les faits : deux grands médias font leur quotidien de la diffusion "
            "de fausses nouvelles\", a affirmé Richard Ferrand sur France 2.")
    q = _speaker_of(_quotes(analyzer, text), "regarder les faits")
    assert q.speaker.name == "Richard Ferrand"
    assert q.via == ["France 2"]


def test_aupres_de_the_agency_relays(analyzer):
    # OrangeSum 32139
    text = ("Pierre Gagnaire a salué la mémoire du chef. \"C'était un grand bonhomme joyeux, pour qui j'avais "
            "beaucoup de respect\", a-t-il réagi auprès de l'AFP.")
    q = _speaker_of(_quotes(analyzer, text), "grand bonhomme")
    assert q.speaker.name == "Pierre Gagnaire"
    assert q.via == ["Agence France-Presse"]


def test_interview_stated_before_relays_the_interviewee_named_by_a_role(analyzer):
    # OrangeSum 22517: the quote names Emmanuel Macron, who is not its speaker
    text = ("Interviewé sur BFMTV, Xavier Bertrand déplore la politique menée par le chef de l'État. « Beaucoup de "
            "Français se disent : 'Emmanuel Macron n'est pas un président pour nous' », rapporte le président de "
            "la région Hauts-de-France.")
    q = _speaker_of(_quotes(analyzer, text), "Beaucoup de Français")
    assert q.speaker.name == "Xavier Bertrand"
    assert q.via == ["BFM TV"]


def test_a_post_on_ones_account_is_not_part_of_the_interview(analyzer):
    # OrangeSum 12474
    text = ("Contacté par Sud Ouest, François Bayrou affirme que son geste a été mal interprété. « Il n'y a aucun "
            "mépris là-dedans », assure-t-il au quotidien régional. Il a choisi de se défendre en optant pour la "
            "carte de l'ironie sur Twitter. « Autrefois, on lançait la jarretière de la mariée », a-t-il déclaré "
            "sur son compte.")
    quotes = _quotes(analyzer, text)
    assert _speaker_of(quotes, "aucun mépris").via == ["Sud Ouest"]
    post = _speaker_of(quotes, "jarretière")
    assert post.speaker.name == "François Bayrou"
    assert post.channel == "Twitter"
    assert post.via == []


def test_family_named_by_its_complement(analyzer):
    # OrangeSum 9678
    text = ("Ahmaud Arbery a été tué en février. La famille d'Ahmaud Arbery réclamait depuis plusieurs jours son "
            "arrestation et s'est dite \"soulagée\" qu'il ait finalement été placé en détention.")
    q = _speaker_of(_quotes(analyzer, text), "arrestation")
    assert q.speaker.name == "Ahmaud Arbery's family"
    assert q.speaker.entity is None


def test_fronted_titles_give_way_to_the_name_after_them(analyzer):
    # OrangeSum 12474
    text = ("Ancien porte-parole du parti communiste français (PCF) et actuel conseiller municipal à Pau, Olivier "
            "Dartigolles a estimé sur Twitter que ce sont « des petits riens qui en disent beaucoup ».")
    q = _speaker_of(_quotes(analyzer, text), "petits riens")
    assert q.speaker.name == "Olivier Dartigolles"
    assert q.channel == "Twitter"


def test_subject_of_a_mixed_quote_is_not_its_speaker(analyzer):
    # OrangeSum 32139
    text = ("Pierre Troisgros \"était un peu mon deuxième papa\", a confié Régis Marcon, le chef triplement étoilé "
            "de Saint-Bonnet-le-Froid.")
    q = _speaker_of(_quotes(analyzer, text), "deuxième papa")
    assert q.speaker.name == "Régis Marcon"


def test_institution_qualified_by_a_country_is_not_the_country(analyzer):
    # OrangeSum 34431
    text = ("Selon le Centre égyptien pour les études économiques (ECES), le secteur compte au moins un "
            "demi-million d'employés dont 40% sont permanents.")
    q = _speaker_of(_quotes(analyzer, text), "demi-million")
    assert q.speaker.name != "Egypt"
    assert "Centre" in q.speaker.name or q.speaker.name == "ECES"


def test_apposed_name_after_an_honorific_speaks_for_the_relation(analyzer):
    # dev gold 23421
    text = ("Évoquant \"une guerre fratricide à Montauban parmi les gens du PRG\", l'avocat d'Yvon Collin, "
            "Me François Saint-Pierre, avait plaidé sa relaxe.")
    q = _speaker_of(_quotes(analyzer, text), "guerre fratricide")
    assert q.speaker.name == "François Saint-Pierre"


def test_floating_quote_follows_the_new_subject_of_the_sentence_before(analyzer):
    # OrangeSum 36813
    text = ("\"Grande émotion : incendie à la cathédrale de Nantes !\", a assuré Roselyne Bachelot. Le maire de Nice, "
            "Christian Estrosi, a, lui aussi, partagé son immense tristesse face à ce terrible spectacle. \"Quelle "
            "tristesse de voir ces images de la cathédrale de #Nantes en feu.\"")
    q = _speaker_of(_quotes(analyzer, text), "Quelle tristesse")
    assert q.speaker.name == "Christian Estrosi"


def test_medium_named_after_its_kind_noun(analyzer):
    # dev gold 13334: « la chaîne A Haber », whatever the tagger makes of « A »
    text = ("Les médias pro-gouvernementaux se sont réjouis. \"L'équipe nationale donne la plus belle des réponses "
            "à l'Occident hypocrite !\", indiquait ainsi la chaîne A Haber sur Twitter.")
    q = _speaker_of(_quotes(analyzer, text), "plus belle des réponses")
    assert q.speaker.name == "A Haber"
    assert q.channel == "Twitter"
