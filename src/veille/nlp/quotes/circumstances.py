"""Channel, place and date a frame states (« sur Twitter », « à Bruxelles », « mardi »)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from ..docdata import state
from .context import DocContext

_PLACE_PREPS = {"à", "depuis", "au", "en"}


@lru_cache(maxsize=8)
def _channel_re(patterns: tuple[tuple[str, str], ...]):
    return [(re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)"), ch) for p, ch in patterns]


_OTHER_CLAUSES = {"advcl", "ccomp", "conj", "parataxis", "acl:relcl", "csubj"}


def clause_tokens(cue: Token | None, frame: list[Token]) -> list[Token]:
    """The frame tokens of the cue's own clause (« car cette lettre… » is another clause)."""
    if cue is None:
        return []
    root = cue
    # an incise hangs on the quoted clause: its own clause is its subtree
    drop = set()
    for c in root.children:
        if c.dep_ in _OTHER_CLAUSES:
            drop.update(t.i for t in c.subtree)
    own = {t.i for t in root.subtree} - drop
    # the subject and circumstances before a participle-headed advcl stay with the verb
    return [t for t in frame if t.i in own]


# channels the quote lexicon does not list: written pieces and other networks
_MORE_CHANNELS = (
    ("tribune", "tribune"), ("livre", "livre"), ("ouvrage", "livre"), ("mémoires", "livre"),
    ("message vidéo", "vidéo"), ("vidéo", "vidéo"), ("blog", "blog"), ("podcast", "podcast"),
    ("courriel", "e-mail"), ("e-mail", "e-mail"), ("mail", "e-mail"), ("sms", "SMS"), ("texto", "SMS"),
    ("linkedin", "LinkedIn"), ("tiktok", "TikTok"), ("snapchat", "Snapchat"), ("whatsapp", "WhatsApp"),
    ("déclaration écrite", "communiqué"), ("note interne", "note"), ("réseaux sociaux", "réseaux sociaux"),
)
_SOCIAL = {"Twitter", "Facebook", "Instagram", "Telegram", "YouTube", "LinkedIn", "TikTok", "Snapchat"}
_OWN_ACCOUNT = re.compile(r"(?<!\w)sur (?:son|sa|leur|ses|leurs) (?:compte|page|profil|fil)(?!\w)")


def channel(ctx: DocContext, frame_text: str, before: str = "") -> str | None:
    """The channel a frame states; « sur son compte » takes the network named in `before`
    (the sentences just before the frame)."""
    low = frame_text.lower()
    best = None
    if _OWN_ACCOUNT.search(low):
        named = [(m.start(), ch) for rx, ch in _channel_re(ctx.lex.channels + _MORE_CHANNELS)
                 for m in rx.finditer(before.lower()) if ch in _SOCIAL]
        if named:
            return max(named)[1]
    for rx, ch in _channel_re(ctx.lex.channels + _MORE_CHANNELS):
        m = rx.search(low)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), ch)
    return best[1] if best else None


def _governed_by(t: Token, cue: Token, limit: int = 4) -> bool:
    """`t` hangs on the cue through nouns and adverbs only (not through another verb)."""
    h = t
    for _ in range(limit):
        if h.head == h:
            return False
        h = h.head
        if h == cue:
            return True
        if h.pos_ == "VERB" and h.dep_ != "acl":
            return False
    return False


def place(ctx: DocContext, cue: Token | None, frame: list[Token], exclude: tuple[int, int]) -> str | None:
    if cue is None or cue.pos_ not in ("VERB", "NOUN"):
        return None
    for t in frame:
        if exclude[0] <= t.idx < exclude[1] or t.i == 0:
            continue
        if t.doc[t.i - 1].lower_ not in _PLACE_PREPS or t.pos_ != "PROPN":
            continue
        if not _governed_by(t, cue):
            continue
        for m in ctx.mentions_in(t.idx, t.idx + len(t.text)):
            if m.entity.type in ("LOC", "GPE"):
                return m.entity.name
    return None


def _date_hook():
    try:
        from ..times.governing import date_for_span  # type: ignore

        return date_for_span
    except Exception:  # the times layer may not provide it
        return None


_DATE_FOR_SPAN = _date_hook()


def date(ctx: DocContext, cue: Token | None, frame: list[Token], exclude: tuple[int, int],
         speaker: tuple[int, int] = (0, 0)) -> str | None:
    if cue is None:
        return None
    if _DATE_FOR_SPAN is not None:
        try:
            te = _DATE_FOR_SPAN(ctx.doc, cue.idx, cue.idx + len(cue.text))
            # a date inside what was said, or inside the speaker's description, is not the
            # date of saying it
            if te is not None and not (exclude[0] <= te.start < exclude[1]) and not (speaker[0] <= te.start < speaker[1]):
                return te.value
        except Exception:
            pass
    times = state(ctx.doc).get("times") or []
    for te in times:
        if not te.value or te.type not in ("DATE", "TIME") or exclude[0] <= te.start < exclude[1]:
            continue
        if speaker[0] <= te.start < speaker[1]:  # « son adversaire à la présidentielle de novembre »
            continue
        tok = ctx.token_at(te.start)
        if tok is not None and tok in frame and (_governed_by(tok, cue) or tok.head == cue):
            return te.value
    return None


# -- relays stated in the frame ------------------------------------------------------
# « interrogé par Le Monde », « cité par l'AFP », « contacté par Sud Ouest »
_BY_PARTICIPLES = {
    f"{stem}{end}" for stem in ("cité", "interrogé", "contacté", "interviewé", "sollicité", "relayé",
                                "rapporté", "repris", "recueilli", "questionné", "joint")
    for end in ("", "e", "s", "es")
} | {"jointe", "joints", "jointes", "reprise", "reprises"}
# « au micro de RTL », « sur le plateau de BFMTV », « dans les colonnes du Parisien »,
# « selon des informations du Parisien », « aux journalistes de l'AFP »
_OF_NOUNS = {"micro", "plateau", "antenne", "colonnes", "ondes", "site", "caméras", "caméra", "informations",
             "journalistes", "journaliste", "correspondant", "correspondante", "envoyé", "envoyée", "confrères",
             "lecteurs", "auditeurs", "téléspectateurs", "page", "pages", "édition", "compte", "matinale"}
# words that name the kind of medium before its name (« l'agence Reuters », « le quotidien Le Monde »)
_MEDIA_KINDS = {"agence", "quotidien", "journal", "chaîne", "radio", "hebdomadaire", "magazine", "site",
                "télévision", "station", "mensuel", "média", "titre", "publication", "presse", "tabloïd"}
_TO = {"à", "au", "aux"}
_OF = {"de", "du", "d'", "d’", "des"}


def _medium_at(ctx: DocContext, tok: Token) -> tuple[str, Token, Token] | None:
    """(canonical name, first token, last token) of a medium named from `tok` on."""
    doc = tok.doc
    for m in ctx.mentions_in(tok.idx, tok.idx + len(tok.text)):
        if m.start == tok.idx:
            name = ctx.medium(m.entity.name) or ctx.medium(ctx.text[m.start:m.end])
            if name:
                last = ctx.token_at(max(m.start, m.end - 1))
                return name, tok, last if last is not None and last.i >= tok.i else tok
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    titled = nxt is not None and (nxt.text[:1].isupper() or nxt.pos_ == "PROPN")  # « le magazine Géo »
    if tok.lower_ in _MEDIA_KINDS and tok.lemma_.lower() != "presse" and prev in _DEFINITE_OF and not titled:
        # « joint par l'hebdomadaire », « dans les colonnes du magazine »: the medium the
        # article named before
        name = last_medium(ctx, tok.idx, tok.lemma_.lower())
        return (name, tok, tok) if name else None
    if not (tok.text[:1].isupper() or tok.text[:1].isdigit()):
        return None
    for n in (4, 3, 2, 1):
        if tok.i + n > len(doc):
            continue
        span = doc[tok.i : tok.i + n]
        # the tokenizer keeps a glued sentence end on the word (« l'AFP.- Plates-formes »)
        surface = span.text.rstrip(".-–—,;:!?»\"")
        name = ctx.medium(surface)
        if name is None and prev in ("au", "du"):
            name = ctx.medium("le " + surface)  # « au Parisien »: the article is part of the name
        if name:
            return name, tok, span[-1]
    return None


_DEFINITE_OF = {"le", "la", "l'", "l’", "du", "au", "ce", "cette", "cet"}
_AGENCY_NAMES = ("agence", "afp", "reuters", "associated press", "ap", "xinhua", "tass", "ria", "ansa", "dpa", "belga",
                 "kcna", "efe", "anadolu")


def last_medium(ctx: DocContext, before: int, kind: str) -> str | None:
    """The canonical name of the last medium named before offset `before` (outside quotations);
    « l'agence » takes a news agency, the other kinds anything but one."""
    best = None
    for m in ctx.mentions:
        if m.start >= before:
            break
        if ctx.region_of(m.start) is not None:
            continue
        name = ctx.medium(m.entity.name) or ctx.medium(ctx.text[m.start:m.end])
        if not name:
            continue
        if (kind == "agence") != name.lower().startswith(_AGENCY_NAMES):
            continue
        best = name
    return best


def _relay_slot(ctx: DocContext, first: Token, cue_lemma: str | None) -> bool:
    """Whether the words before a medium make it a relay of the quote."""
    doc = first.doc
    k = first.i - 1
    while k >= 0 and (doc[k].lower_ in _MEDIA_KINDS or doc[k].pos_ == "ADJ"):
        k -= 1  # « l'agence de presse Reuters », « la chaîne américaine CNN »
    while k >= 0 and doc[k].pos_ == "DET" and doc[k].lower_ not in ("du", "au", "aux", "des"):
        k -= 1
    if k < 0:
        return False
    prev = doc[k].lower_
    if prev in _TO or prev in ("sur", "dans", "selon"):
        return True
    if prev == "auprès" or (prev in _OF and k > 0 and doc[k - 1].lower_ == "auprès"):
        return cue_lemma != "apprendre"  # « a-t-on appris auprès de X »: X is the source
    if prev == "après" and k > 0 and doc[k - 1].lower_ in ("d'", "d’"):
        return True
    if prev == "par":
        return k > 0 and doc[k - 1].lower_ in _BY_PARTICIPLES
    if prev in _OF and k > 0:
        j = k - 1
        while j > 0 and doc[j].pos_ == "ADJ":
            j -= 1
        noun = doc[j].lower_
        if noun in ("journalistes", "journaliste") and j > 0:
            return doc[j - 1].lower_ in _TO | {"les", "des"}  # « un ancien journaliste du Monde » is no relay
        return noun in _OF_NOUNS
    return False


def frame_relays(ctx: DocContext, cue: Token | None, anchor: Token | None, content: tuple[int, int],
                 speaker_name: str | None, cue_lemma: str | None) -> list[str]:
    """Media the frame of a quote names as relays: « a déclaré X à l'AFP », « sur BFMTV »,
    « interrogé par Le Monde », « au micro de RTL », « rapporte Le Figaro »."""
    pivot = cue if cue is not None else anchor
    if pivot is None:
        return []
    lo, hi = ctx.glued_bounds(pivot.idx)
    near = {pivot.i} | ({anchor.i} if anchor is not None else set())
    subtree = {t.i for t in cue.subtree} if cue is not None else set()
    out: list[str] = []
    skip_to = -1
    for tok in ctx.tokens_in(lo, hi):
        if tok.i <= skip_to or content[0] <= tok.idx < content[1] or ctx.region_of(tok.idx) is not None:
            continue
        got = _medium_at(ctx, tok)
        if got is None:
            continue
        name, first, last = got
        skip_to = last.i
        if name == speaker_name or name in out:
            continue
        close = first.i in subtree or any(abs(first.i - i) <= 8 for i in near)
        if not close:
            continue
        ok = _relay_slot(ctx, first, cue_lemma)
        if not ok and first.dep_ in ("nsubj", "nsubj:pass") and first.head is not cue and first.head.pos_ == "VERB":
            # « "…", a déclaré X, rapporte Le Figaro »: a medium reporting the frame relays it
            ok = ctx.lex.verb(first.head.lemma_) is not None
        if ok:
            out.append(name)
    return out


# « lors d'un entretien avec le Centre pour le dialogue humanitaire », « dans une interview
# accordée à la fondation X »: who the speaker talked to relays the words, medium or not
_TALKS = {"entretien", "interview", "conversation", "échange"}
_WITH = {"avec", "à", "au", "aux"}


def interlocutors(ctx: DocContext, pivot: Token | None, content: tuple[int, int], speaker_name: str | None) -> list[str]:
    if pivot is None:
        return []
    lo, hi = ctx.glued_bounds(pivot.idx)
    out: list[str] = []
    for tok in ctx.tokens_in(lo, hi):
        if tok.lower_ not in _TALKS or content[0] <= tok.idx < content[1] or ctx.region_of(tok.idx) is not None:
            continue
        doc = tok.doc
        j = tok.i + 1
        if j < len(doc) and doc[j].lower_ in ("accordé", "accordée", "donné", "donnée"):
            j += 1
        if j >= len(doc) or doc[j].lower_ not in _WITH:
            continue
        end = doc[min(len(doc) - 1, j + 4)]
        for m in ctx.mentions_in(doc[j].idx, end.idx + len(end.text)):
            if m.start <= doc[j].idx or m.entity.type not in ("ORG", "PER"):
                continue
            name = ctx.medium(m.entity.name) or m.entity.name
            if name != speaker_name and name not in out:
                out.append(name)
            break
    return out
