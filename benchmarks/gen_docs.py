"""Seeded generator of long statement-like document pairs for benchmarks.

B is A with the edits the engine must recognise, at realistic rates:
reworded sentences, added and removed sentences, splits, merges, moved
sentences and moved paragraphs. The same seed always gives the same pair.
"""

import random

_SYLLABLES = tuple(str.split(
    "al ba ce de fen gu ho ir ja ka lo mu ne op pra qui ro sa te un "
    "ve wo xa yu ze tion ment al ly ance ence ive"))
_GLUE = tuple(str.split("the of and to in a for on with that by as is at from this will their"))


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng, 20_000)
        self.weights = [1 / (rank + 10) for rank in range(len(self.words))]

    def sentence(self) -> str:
        count = self.rng.randint(12, 30)
        picks = self.rng.choices(self.words, self.weights, k=count)
        picks = [w if self.rng.random() > 0.35 else self.rng.choice(_GLUE) for w in picks]
        text = " ".join(picks)
        if self.rng.random() < 0.3:
            cut = self.rng.randint(3, count - 3)
            text = " ".join(picks[:cut]) + ", " + " ".join(picks[cut:])
        return text[0].upper() + text[1:] + "."

    def reword(self, sentence: str) -> str:
        words = sentence[:-1].split()
        for _ in range(self.rng.randint(1, 3)):
            position = self.rng.randrange(len(words))
            action = self.rng.random()
            if action < 0.4:
                words[position] = self.rng.choice(self.words)
            elif action < 0.7:
                words.insert(position, self.rng.choice(self.words))
            elif len(words) > 6:
                del words[position]
        return " ".join(words) + "."


def generate_pair(words: int, seed: int = 1) -> tuple[str, str]:
    """Two texts of about ``words`` words each, B an edited copy of A."""
    writer = _Writer(seed)
    rng = writer.rng
    paragraphs: list[list[str]] = []
    total = 0
    while total < words:
        paragraph = [writer.sentence() for _ in range(rng.randint(2, 6))]
        total += sum(len(s.split()) for s in paragraph)
        paragraphs.append(paragraph)
    edited = [_edit_paragraph(writer, list(p)) for p in paragraphs]
    for _ in range(max(1, len(edited) // 50)):
        source = rng.randrange(len(edited))
        edited.insert(rng.randrange(len(edited)), edited.pop(source))
    return _render(paragraphs), _render(edited)


def _edit_paragraph(writer: _Writer, paragraph: list[str]) -> list[str]:
    rng = writer.rng
    result: list[str] = []
    for sentence in paragraph:
        roll = rng.random()
        if roll < 0.08:
            result.append(writer.reword(sentence))
        elif roll < 0.10:
            continue  # removed
        elif roll < 0.12:
            result += [sentence, writer.sentence()]  # added after
        elif roll < 0.13:
            words = sentence[:-1].split()
            cut = len(words) // 2
            result += [" ".join(words[:cut]) + ".", words[cut].capitalize() + " "
                       + " ".join(words[cut + 1 :]) + "."]
        elif roll < 0.14 and result:
            result[-1] = result[-1][:-1] + " and " + sentence[0].lower() + sentence[1:]
        else:
            result.append(sentence)
    return result or paragraph


def _render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)
