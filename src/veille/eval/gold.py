"""Score records against the hand annotations of ../shared/gold (format: gold/README.md).

Matching is by text, as the gold README says:
  * entity: a gold entity is found when a record entity has its canonical name;
    a gold mention is *detected* when some record mention overlaps an occurrence
    of its text, and *linked* when a mention of the entity with that canonical
    name covers that occurrence;
  * quote: speaker resolves to the gold speaker and the content contains
    ``text_contains``;
  * time: the expression overlaps ``text`` and the value is equal;
  * event: type (or one of ``type_any``), actor and modality agree and the
    evidence contains ``evidence_contains``.
Text comparisons fold case, curly apostrophes and runs of spaces, so that the
gold's ’ and ' spellings match either way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from ..errors import VeilleError
from ..models import Record

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return _WS.sub(" ", text).strip().casefold()


def _occurrences(text: str, needle: str, fold_case: bool = True) -> list[tuple[int, int]]:
    """Character ranges of ``needle`` in ``text``, folding apostrophes (and case unless told not to)."""
    hay, pin = norm_same_length(text, fold_case), norm_same_length(needle, fold_case)
    out, i = [], hay.find(pin)
    while pin and i >= 0:
        out.append((i, i + len(pin)))
        i = hay.find(pin, i + 1)
    return out


def norm_same_length(text: str, fold_case: bool = True) -> str:
    # Offsets must survive normalisation: only 1-to-1 character replacements here.
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return text.lower() if fold_case else text


def load_gold(folder: Path, texts: Path | None = None) -> list[dict]:
    """Gold annotations with their article text, as dicts with ``text`` added."""
    texts = texts or folder.parent / "seeds"
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise VeilleError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
        if not isinstance(gold, dict) or "doc" not in gold:
            continue  # story.json and other cross-article files
        if not isinstance(gold.get("text"), str):
            # Seed gold keeps the text apart (../seeds); our own dev gold embeds it.
            text_path = texts / gold["doc"]
            if not text_path.is_file():
                raise VeilleError(f"{path}: its article {text_path} is missing (use --texts)")
            gold["text"] = text_path.read_text(encoding="utf-8")
            gold["text_path"] = str(text_path)
        gold["path"] = str(path)
        out.append(gold)
    return out


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    """Precision over predictions matched, recall over gold items matched (matching may be many-to-one)."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# -- entities --------------------------------------------------------------------
def score_entities(pairs: Iterable[tuple[dict, Record]]) -> dict:
    n_ent = found_ent = 0
    n_men = detected = linked = 0
    roles_total = roles_ok = 0
    missing: list[str] = []
    for gold, rec in pairs:
        by_name: dict[str, list] = {}
        for e in rec.entities:
            by_name.setdefault(norm(e.name), []).append(e)
        all_mentions = [(m.start, m.end) for e in rec.entities for m in e.mentions]
        for ge in gold.get("entities", []):
            n_ent += 1
            ents = by_name.get(norm(ge["name"]), [])
            if ents:
                found_ent += 1
            else:
                missing.append(f"{gold['doc']}: entity {ge['name']}")
            own = [(m.start, m.end) for e in ents for m in e.mentions]
            for surface in ge.get("mentions", []):
                occ = _occurrences(rec.text, surface)
                if not occ:
                    continue  # a gold mention string absent from the text cannot be scored
                n_men += 1
                if any(_overlaps(o, m) for o in occ for m in all_mentions):
                    detected += 1
                if any(_covers_core(o, m, rec.text) for o in occ for m in own):
                    linked += 1
                elif ents:
                    missing.append(f"{gold['doc']}: mention {surface!r} of {ge['name']}")
            if ge.get("role"):
                roles_total += 1
                titles = [norm(r.title) for e in ents for r in e.roles]
                want = norm(ge["role"])
                if any(t and (t in want or want in t) for t in titles):
                    roles_ok += 1
    return {
        "canonical_name_recall": round(found_ent / n_ent, 4) if n_ent else 0.0,
        "mention_detection_recall": round(detected / n_men, 4) if n_men else 0.0,
        "linked_mention_recall": round(linked / n_men, 4) if n_men else 0.0,
        "role_accuracy": round(roles_ok / roles_total, 4) if roles_total else 0.0,
        "gold_entities": n_ent,
        "gold_mentions": n_men,
        "misses": missing,
    }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_ARTICLE = re.compile(r"^(?:l'|l’|le |la |les |sa |son |ses |un |une |des |du |de la |de l'|de l’)", re.I)


def _covers_core(gold: tuple[int, int], mention: tuple[int, int], text: str) -> bool:
    """A record mention counts for a gold mention when it covers the gold text without
    its determiner ("Otan" for "l'Otan") and does not spill far beyond it."""
    surface = text[gold[0]:gold[1]]
    m = _ARTICLE.match(surface)
    core_start = gold[0] + (m.end() if m and m.end() < len(surface) else 0)
    core_end = gold[1] - (1 if surface.endswith("*") else 0)
    return mention[0] <= core_start and mention[1] >= core_end and (mention[1] - mention[0]) <= 2 * (gold[1] - gold[0]) + 10


# -- quotes ----------------------------------------------------------------------
# Span overlap as the Gender Gap Tracker reports it: |S ∩ G| / max(|S|, |G|), a
# quote counting at threshold t when it overlaps a gold span by t or more. The
# gold gives only a substring of each quote (text_contains), so its span is
# rebuilt: for a direct quote, the quotation-mark region holding it. Otherwise
# (indirect, and mixed quotes whose marked fragment sits inside a reported
# clause) from the clause start (« que », « qu' », a comma, a colon, the cue word,
# never further back than the sentence start) to the sentence end or to an
# incise (« , a-t-il », « , selon »), and never shorter than the marked region.
SPAN_THRESHOLDS = (0.3, 0.8)
# OrangeSum glues sentences ("retraites.La déclaration"): a period before a
# capital ends a sentence too.
_SENT_END = re.compile(r"[.!?](?=\s|$|[A-ZÀ-Ý«\"])|\n")
_CLAUSE_START = re.compile(r"\bque |\bqu['’]|, |\n|: |«|[.!?](?:\s+|(?=[A-ZÀ-Ý«\"]))")
_INCISE = re.compile(r",\s+(?:a|ont|avait|aurait|selon|estime|affirme|ajoute|explique|indique|déclare|"
                     r"souligne|précise|assure|dit|juge|poursuit|conclut|rappelle|insiste|reconnaît|martèle|informe|"
                     r"[\w-]+-t-(?:il|elle))\b")
_SENT_START = re.compile(r"\n|[.!?](?:\s+|(?=[A-ZÀ-Ý«\"]))")
_CATAPHORIC = re.compile(r"(?:c['’]est|ce sont|telles? (?:est|sont)) (?:ce qu|l['’]|la |les |le )", re.I)
_OPENING, _CLOSING = "«“\"", "»”\""
_WORD = re.compile(r"[\w’'-]+")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", norm(word)) if not unicodedata.combining(c))


def _after_cue(text: str, start: int, i: int, cue: str | None) -> int:
    """Move a clause start past the reporting word when it lies before the content.

    « X a démenti les communiqués… »: the clause start found by punctuation is
    before X, but the content is the cue's object. The cue is given as a lemma, so
    its inflected forms are found by their shared stem.
    """
    if not cue or len(cue) < 4:
        return start
    stem = _fold(cue)[: max(4, len(cue) - 2)]
    last = None
    for m in _WORD.finditer(text, start):
        if m.start() > i:
            break
        if _fold(m.group()).startswith(stem):  # « Dénonçant » for dénoncer
            last = m  # at i: the gold substring itself opens with the cue
    if last is None:
        return start
    nxt = _WORD.search(text, last.end())
    return nxt.start() if nxt else start


def gold_quote_span(text: str, want: str, kind: str | None = None, cue: str | None = None) -> tuple[int, int] | None:
    from ..nlp.quotes.marks import find_regions

    i = norm_same_length(text).find(norm_same_length(want))
    if i < 0:
        return None
    region = next((r for r in find_regions(text) if r.start <= i and i + len(want) <= r.end), None)
    if region is not None and kind != "mixed":
        return region.start, region.end
    lo, hi = (region.start, region.end) if region is not None else (i, i + len(want))
    if region is not None:  # take the marks themselves (and the spaces inside them) into the clause
        j = lo
        while j > 0 and text[j - 1] in " \u00a0\u202f":
            j -= 1
        if text[j - 1:j] in _OPENING:
            lo = j - 1
        j = hi
        while j < len(text) and text[j] in " \u00a0\u202f":
            j += 1
        if text[j:j + 1] in _CLOSING:
            hi = j + 1
    sentence = max((m.end() for m in _SENT_START.finditer(text, max(0, lo - 2000), lo)), default=0)
    start = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, lo - 2000), lo)), default=0)
    # text_contains lies inside the content by definition: the content never starts after it
    # (« qualifié cette publication d'erreur » keeps its verb when the annotator wrote it so).
    start = min(_after_cue(text, start, lo, cue), lo)
    m = _SENT_END.search(text, hi)
    end = m.start() if m else len(text)
    if _CATAPHORIC.match(text, _skip_space(text, m.end()) if m else end):
        # « … . C'est ce qu'a déclaré X »: the content is the whole previous sentence
        return _skip_space(text, sentence), end
    start = _skip_space(text, start, lo)
    incise = _INCISE.search(text, hi, end)
    return start, incise.start() if incise else end


def _skip_space(text: str, i: int, limit: int | None = None) -> int:
    limit = len(text) if limit is None else limit
    while i < limit and text[i].isspace():
        i += 1
    return i


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(a[1] - a[0], b[1] - b[0], 1)


def _span_scores(pairs: list[tuple[dict, Record]]) -> dict:
    n_gold = n_pred = 0
    hits = {t: [0, 0] for t in SPAN_THRESHOLDS}  # gold matched, predictions matched
    for gold, rec in pairs:
        spans = [s for s in (gold_quote_span(rec.text, q["text_contains"], q.get("kind"), q.get("cue"))
                              for q in gold.get("quotes", [])) if s]
        preds = [(q.content.start, q.content.end) for q in rec.quotes if q.same_as is None]
        n_gold += len(gold.get("quotes", []))
        n_pred += len(preds)
        for t in SPAN_THRESHOLDS:
            hits[t][0] += sum(1 for g in spans if any(span_overlap(p, g) >= t for p in preds))
            hits[t][1] += sum(1 for p in preds if any(span_overlap(p, g) >= t for g in spans))
    return {f"span_f1_{str(t).replace('.', '')}": prf(hits[t][1], n_pred, hits[t][0], n_gold)["f1"]
            for t in SPAN_THRESHOLDS}


def _same_referent(speaker, gq: dict, gold_mentions: dict[str, set[str]]) -> bool:
    # The gold names unnamed speakers with English descriptions ("Belgian trade
    # unions") that no French system can produce; an UNLINKED speaker whose words
    # are one of the gold speaker's mentions points at the right referent. This
    # is what the Gender Gap Tracker's speaker accuracy measures (the speaker's
    # words, not a link); a speaker linked to another entity is still wrong.
    if speaker.entity is not None or speaker.mention is None:
        return False
    said = norm(speaker.mention.text)
    wanted = set(gold_mentions.get(gq["speaker"], ()))
    if gq.get("speaker_mention"):
        wanted.add(norm(gq["speaker_mention"]))
    return bool(said) and said in wanted


# A leading determiner: a whole word before a space (« leurs » is not « le » + « urs »), or
# an elided « l' » / « d' ».
_LEAD = re.compile(r"^(?:(?:les|des|de|du|la|le|un|une|ces|ce|cette|ses|son|sa|leurs|leur)\s+|[ld]['’]\s*)", re.I)


def _unnamed_speakers(gold: dict) -> set[str]:
    """Gold speakers the text never calls by a name: every mention, its determiner
    taken off, starts with a small letter (« la police », « des sources concordantes »)."""
    mentions = {e["name"]: list(e.get("mentions", [])) for e in gold.get("entities", [])}
    out = set()
    for gq in gold.get("quotes", []):
        words = mentions.get(gq["speaker"], []) + ([gq["speaker_mention"]] if gq.get("speaker_mention") else [])
        bare = [_LEAD.sub("", w) for w in words]
        if bare and all(b and b[0].islower() for b in bare):
            out.add(gq["speaker"])
    return out


def score_quotes(pairs: Iterable[tuple[dict, Record]]) -> dict:
    pairs = list(pairs)
    n_gold = n_pred = tp_gold = tp_pred = 0
    content_found = speaker_ok = referent_ok = 0
    via_total = via_ok = 0
    misses: list[str] = []
    for gold, rec in pairs:
        quotes = rec.quotes
        gold_mentions = {e["name"]: {norm(m) for m in e.get("mentions", [])} for e in gold.get("entities", [])}
        unnamed = _unnamed_speakers(gold)
        # A quote marked as the same statement as another (an embedded post) is
        # one statement: it is neither a hit nor a false positive on its own.
        counted = [i for i, q in enumerate(quotes) if q.same_as is None]
        n_pred += len(counted)
        matched_pred: set[int] = set()
        for gq in gold.get("quotes", []):
            n_gold += 1
            want = norm(gq["text_contains"])
            holders = [i for i, q in enumerate(quotes) if want in norm(q.content.text)]
            if holders:
                content_found += 1
            right = [i for i in holders if norm(quotes[i].speaker.name) == norm(gq["speaker"])]
            if right or any(_same_referent(quotes[i].speaker, gq, gold_mentions) for i in holders):
                referent_ok += 1
            if not right and gq["speaker"] in unnamed:
                # The rule: an unnamed speaker is given by its description.
                right = [i for i in holders if _same_referent(quotes[i].speaker, gq, gold_mentions)]
            if right:
                speaker_ok += 1
                tp_gold += 1
                best = right[0]
                matched_pred.add(best)
                if quotes[best].same_as is not None:
                    matched_pred.add(quotes[best].same_as)
                for v in gq.get("via", []):
                    via_total += 1
                    if norm(v) in {norm(x) for x in quotes[best].via}:
                        via_ok += 1
            else:
                for v in gq.get("via", []):
                    via_total += 1
                got = quotes[holders[0]].speaker.name if holders else None
                misses.append(f"{gold['doc']}: quote {gq['text_contains'][:40]!r} by {gq['speaker']}"
                              + (f" (speaker given: {got})" if holders else " (content not found)"))
        tp_pred += len([i for i in matched_pred if i in counted])
    out = prf(tp_pred, n_pred, tp_gold, n_gold)
    out.update({
        "speaker_accuracy": round(speaker_ok / content_found, 4) if content_found else 0.0,
        "speaker_referent_accuracy": round(referent_ok / content_found, 4) if content_found else 0.0,
        "content_recall": round(content_found / n_gold, 4) if n_gold else 0.0,
        "via_recall": round(via_ok / via_total, 4) if via_total else 0.0,
        "gold": n_gold, "predicted": n_pred, "misses": misses,
    })
    out.update(_span_scores(pairs))
    return out


# -- times -----------------------------------------------------------------------
def score_times(pairs: Iterable[tuple[dict, Record]]) -> dict:
    n_gold = detected = correct = 0
    misses: list[str] = []
    for gold, rec in pairs:
        used: set[int] = set()
        for gt in gold.get("times", []):
            # The gold lists "début janvier" and "Début janvier" apart: case tells them apart.
            for occ in _occurrences(rec.text, gt["text"], fold_case=False) or _occurrences(rec.text, gt["text"]):
                n_gold += 1
                hits = [i for i, t in enumerate(rec.times) if i not in used and _overlaps(occ, (t.start, t.end))]
                if not hits:
                    misses.append(f"{gold['doc']}: time {gt['text']!r} not found")
                    continue
                detected += 1
                used.add(hits[0])
                if rec.times[hits[0]].value == gt["value"]:
                    correct += 1
                else:
                    misses.append(f"{gold['doc']}: time {gt['text']!r} = {rec.times[hits[0]].value}, gold {gt['value']}")
    return {
        "detection_recall": round(detected / n_gold, 4) if n_gold else 0.0,
        "value_accuracy": round(correct / detected, 4) if detected else 0.0,
        "correct_recall": round(correct / n_gold, 4) if n_gold else 0.0,
        "gold": n_gold, "misses": misses,
    }


# -- events ----------------------------------------------------------------------
_NOT_ASSERTED = {"negated", "hypothetical", "planned"}


def _event_types(ge: dict) -> set[str]:
    return {ge["type"], *ge.get("type_any", [])}


def _bare(words: str) -> str:
    return _LEAD.sub("", words)


def score_events(pairs: Iterable[tuple[dict, Record]]) -> dict:
    n_gold = n_pred = tp_gold = tp_pred = 0
    located = modality_ok = wrongly_asserted = referent_ok = 0
    misses: list[str] = []
    for gold, rec in pairs:
        n_pred += len(rec.events)
        matched: set[int] = set()
        linked = {norm(e.name) for e in rec.entities}
        gold_mentions = {e["name"]: {norm(m) for m in e.get("mentions", [])} for e in gold.get("entities", [])}
        for ge in gold.get("events", []):
            n_gold += 1
            want = norm(ge["evidence_contains"])
            types = _event_types(ge)
            stated = [i for i, e in enumerate(rec.events)
                      if e.type in types and any(want in norm(ev.text) for ev in [e.evidence, *e.more_evidence])
                      and e.modality == ge["modality"]]
            # As for quote speakers: an actor the system names in the text's own words
            # (an unnamed group, no entity) is the right referent when those words are
            # a gold mention of the gold actor, though never the canonical name.
            words = gold_mentions.get(ge.get("actor"), set())
            if any(norm(ge.get("actor")) in {norm(a) for a in rec.events[i].actors}
                   or any(norm(a) not in linked and _bare(norm(a)) in {_bare(w) for w in words}
                          for a in rec.events[i].actors) for i in stated):
                referent_ok += 1
            cands = [i for i, e in enumerate(rec.events)
                     if e.type in types and any(want in norm(ev.text) for ev in [e.evidence, *e.more_evidence])
                     and norm(ge.get("actor")) in {norm(a) for a in e.actors}]
            if cands:
                located += 1
                if any(rec.events[i].modality == ge["modality"] for i in cands):
                    modality_ok += 1
                elif ge["modality"] in _NOT_ASSERTED and any(rec.events[i].modality == "asserted" for i in cands):
                    wrongly_asserted += 1
            good = [i for i in cands if rec.events[i].modality == ge["modality"]]
            if good:
                tp_gold += 1
                matched.add(good[0])
            else:
                misses.append(f"{gold['doc']}: event {ge['type']} by {ge.get('actor')} ({ge['modality']}) "
                              f"{ge['evidence_contains'][:40]!r}" + (" (wrong modality)" if cands else ""))
        tp_pred += len(matched)
    out = prf(tp_pred, n_pred, tp_gold, n_gold)
    out.update({
        "modality_accuracy": round(modality_ok / located, 4) if located else 0.0,
        "referent_recall": round(referent_ok / n_gold, 4) if n_gold else 0.0,
        "non_asserted_given_as_asserted": wrongly_asserted,
        "gold": n_gold, "predicted": n_pred, "misses": misses,
    })
    return out


def score_published(pairs: Iterable[tuple[dict, Record]]) -> dict:
    n = ok = invented = 0
    for gold, rec in pairs:
        want = (gold.get("published") or {}).get("value")
        n += 1
        if rec.published.value == want:
            ok += 1
        elif want is None and rec.published.value is not None:
            invented += 1
    return {"accuracy": round(ok / n, 4) if n else 0.0, "invented": invented, "gold": n}


def score_seed_gold(golds: list[dict], records: list[Record]) -> dict:
    pairs = list(zip(golds, records))
    return {
        "articles": len(pairs),
        "entities": score_entities(pairs),
        "quotes": score_quotes(pairs),
        "times": score_times(pairs),
        "events": score_events(pairs),
        "published": score_published(pairs),
    }
