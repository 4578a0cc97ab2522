"""A quote before its speaker is resolved: what the extraction rules hand to the attributor."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token


@dataclass
class Candidate:
    kind: str  # direct | indirect | mixed
    start: int  # content offsets into doc.text
    end: int
    cue: str | None
    stance: str | None
    cue_tok: Token | None = None
    cue_span: tuple[int, int] | None = None
    speaker: Token | None = None  # head of the speaker phrase
    # how to find the speaker when no phrase names it: "previous" (floating quote),
    # "same_source" (« selon la même source »)
    fallback: str | None = None
    relays: list[Token] = field(default_factory=list)  # heads of relaying sources, nearest first
    same_source_relay: bool = False  # « toujours selon la même source » in the frame
    frame: tuple[int, int] = (0, 0)  # the sentence(s) the frame lives in
    channel: str | None = None
    post_author: str | None = None  # embedded posts: the name under the post

    @property
    def anchor(self) -> int:
        """Where the speaker is stated; attribution runs in this order."""
        if self.speaker is not None:
            return self.speaker.idx
        if self.cue_tok is not None:
            return self.cue_tok.idx
        return self.start
