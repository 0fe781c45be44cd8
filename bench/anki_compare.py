"""interviewprep side by side with Anki's Rust core, on the same generated workload.

    python -m bench compare                                   # 10,000 questions, 100,000 reviews
    python -m bench compare --questions 100000 --reviews 1000000

One workload (questions' text, each card's scheduling state, a year of review history) is
generated from a seed and fed to both systems:

* ours: bank files written to a folder and imported with ``LibraryService.import_paths``;
  states and history written into our SQLite tables with plain bulk SQL (set-up, not timed);
* Anki: the ``anki`` package from PyPI (``pip install -e ".[bench]"``), driven through its
  Python API as add-ons do: ``Collection``, ``add_notes`` (one batch, one undo step: the API
  Anki's own importers and bulk-adding add-ons use), ``sched.get_queued_cards`` /
  ``answer_card``, ``find_cards`` and the stats screen's ``graphs`` call. FSRS is switched on
  (we schedule with FSRS too), and the deck's daily limits are raised to Anki's maximum, 9,999,
  on both sides so both serve the same number of cards. Card states are written to Anki's
  ``cards`` table and the history to its ``revlog`` table with ``col.db.executemany``
  (set-up, not timed).

Timed rows (ours / Anki):

ingest         ``import_paths`` of the bank files (read, parse, validate, store, index for search)
               / ``new_note`` + ``add_notes`` of the same text into an empty collection
reopen+queue   ``build_services`` + ``study.counts`` + ``study.next_card`` on the existing data
               / ``Collection(path)`` + ``sched.get_queued_cards()`` (first card and counts)
answer+next    ``ReviewSession.grade``: answer, counts, next card with its text and its
               interval preview, what the review screen does per key press / ``answer_card`` +
               ``get_queued_cards`` + the next card's note (its fields, which the reviewer
               renders) + ``describe_next_states`` (the same: next card, counts, button labels);
               the two sides take turns of a tenth of the answers, so drift hits both alike
counts         ``study.counts()`` / ``sched.counts()``, after a change (an answer) and repeated
stats          ``progress.report()`` (reviews per day, calendar, forecast, retention, readiness)
               / ``graphs(search="deck:current", days=365)``, what Anki's Statistics screen loads
search         ``browse.listing`` (what the Browse table loads: the ids in order, and the
               rows of the first page) / ``find_cards(order=True)``
               (the ids, sorted, that Anki's browser loads; its rows are not timed)

Every figure is a median over several runs (``--repeat``) except the per-answer p50/p95.
Wall-clock time, in one process, on whatever else the machine is doing: see docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.core import WORDS
from interviewprep.core.cards import CardState, Grade, Stage
from interviewprep.services.app import Services, build_services
from interviewprep.services.browse import BrowseQuery
from interviewprep.services.review_session import ReviewSession
from interviewprep.storage.card_rows import state_json

if TYPE_CHECKING:
    from anki.collection import Collection

RARE_WORD = "reranker"
"""Put in exactly 1% of the prompts: a search that narrows the collection down."""
COMMON_WORD = "agent"
"""One of the common words, in most questions: a search that returns most of the collection."""
QUESTIONS_PER_BANK = 100
DAILY_LIMIT = 9_999
"""Anki's largest per-day limit (it silently refuses more); set on both sides."""
DAY = 86_400


# -- the workload --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    bank: str
    qid: str
    role: str
    topics: tuple[str, ...]
    difficulty: str
    prompt: str
    answer: str
    follow_up: str


@dataclass(frozen=True)
class CardPlan:
    """A card's scheduling state, relative to the moment the workload is applied."""

    stage: Stage
    due_days: int = 0
    """Review cards: due this many study days from today (<= 0: due today)."""
    due_seconds: int = 0
    """Learning cards: due this many seconds from now (negative: already due)."""
    stability: float = 0.0
    difficulty: float = 0.0
    last_review_days: float = 0.0
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class Workload:
    questions: list[Question]
    cards: list[CardPlan]
    reviews: int
    seed: int

    def history(self, now_ms: int) -> Iterator[tuple[int, int, int, int, int]]:
        """``reviews`` answers over the year before today: (question index, epoch ms, rating,
        duration ms, kind) with kind 0 learning, 1 review, 2 relearning; oldest first and
        at distinct milliseconds (Anki's revlog id is the answer time)."""
        rng = random.Random(self.seed + 1)
        seen = [i for i, card in enumerate(self.cards) if card.stage != Stage.NEW]
        if not seen:
            return
        year_ms = 365 * DAY * 1000
        # all before today: Anki counts today's answers for its daily limits from its own
        # counters, not from the revlog, so history dated today would count only on our side
        day_ms = DAY * 1000
        moments = sorted(now_ms - rng.randrange(day_ms, year_ms) for _ in range(self.reviews))
        previous = 0
        for moment in moments:
            moment = max(moment, previous + 1)
            previous = moment
            kind = rng.choices((0, 1, 2), (10, 85, 5))[0]
            rating = 1 if kind == 2 else rng.choices((1, 2, 3, 4), (10, 5, 75, 10))[0]
            yield rng.choice(seen), moment, rating, rng.randint(2_000, 30_000), kind


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    # No "r" and no "g": no generated word can contain the words searched for.
    onsets = ["b", "c", "d", "f", "h", "j", "k", "l", "m", "n", "p", "s", "t", "v", "z"]
    vowels = ["a", "e", "i", "o", "u"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(3)))
    return sorted(words)


def make_workload(questions: int, reviews: int, seed: int = 7) -> Workload:
    """Questions shaped like the bundled flashcards (a one-sentence prompt, a five-sentence
    answer, a follow-up) and states of a collection in use: 30% new, 5% in learning, 65% in
    review with about a fifth of those due today."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 3_000)
    roles = ("agent-engineer", "ml-engineer", "agentops-engineer")

    def sentence(n: int) -> str:
        words = [
            rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(vocabulary) for _ in range(n)
        ]
        return " ".join(words).capitalize() + "."

    items: list[Question] = []
    cards: list[CardPlan] = []
    for i in range(questions):
        bank = f"bench-{i // QUESTIONS_PER_BANK:05d}"
        prompt = sentence(18)[:-1] + "?"
        if i % 100 == 0:
            prompt = f"How does a {RARE_WORD} change {prompt[0].lower()}{prompt[1:]}"
        answer = (
            "**Strong answer.** "
            + " ".join(sentence(14) for _ in range(5))
            + "\n\n**Interviewers listen for:** "
            + sentence(12)
        )
        items.append(
            Question(
                bank=bank,
                qid=f"q{i:06d}",
                role=roles[(i // QUESTIONS_PER_BANK) % 3],
                topics=tuple(dict.fromkeys((rng.choice(WORDS), rng.choice(WORDS)))),
                difficulty=rng.choice(("junior", "mid", "senior", "staff")),
                prompt=prompt,
                answer=answer,
                follow_up=sentence(10),
            )
        )
        roll = rng.random()
        if roll < 0.30:
            cards.append(CardPlan(Stage.NEW))
        elif roll < 0.35:
            cards.append(
                CardPlan(
                    Stage.LEARNING,
                    due_seconds=-rng.randint(60, 7_200),
                    stability=rng.uniform(0.2, 3),
                    difficulty=rng.uniform(3, 8),
                    last_review_days=rng.uniform(0.01, 0.1),
                    reps=rng.randint(1, 3),
                )
            )
        else:
            stability = rng.uniform(1, 120)
            cards.append(
                CardPlan(
                    Stage.REVIEW,
                    due_days=rng.randint(-20, 90),
                    stability=stability,
                    difficulty=rng.uniform(2, 9),
                    last_review_days=rng.uniform(1, 60),
                    reps=rng.randint(2, 15),
                    lapses=rng.choices((0, 1, 2), (80, 15, 5))[0],
                )
            )
    return Workload(items, cards, reviews, seed)


def write_banks(folder: Path, workload: Workload) -> list[Path]:
    """The workload as bank files of 100 questions each."""
    folder.mkdir(parents=True, exist_ok=True)
    by_bank: dict[str, list[Question]] = {}
    for question in workload.questions:
        by_bank.setdefault(question.bank, []).append(question)
    paths = []
    for bank, questions in by_bank.items():
        lines = [
            "---",
            f"id: {bank}",
            f"title: Bench bank {bank}",
            f"role: {questions[0].role}",
            'version: "1.0.0"',
            "license: CC-BY-4.0",
            "authors: [bench]",
            "description: Generated for benchmarks.",
            "---",
        ]
        for q in questions:
            lines += [
                "",
                f"## {q.qid}",
                "type: flashcard",
                f"topics: [{', '.join(q.topics)}]",
                f"difficulty: {q.difficulty}",
                "",
                "### Prompt",
                q.prompt,
                "",
                "### Answer",
                q.answer,
                "",
                "### Follow-ups",
                f"- {q.follow_up}",
            ]
        path = folder / f"{bank}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def anki_back(question: Question) -> str:
    """The answer as an Anki Back field. The follow-up stays out: our search indexes prompts
    and answers, so both sides search the same text (we still parse and store the follow-up)."""
    return question.answer


# -- our side -------------------------------------------------------------------------------------


def open_ours(data_dir: Path) -> Services:
    services = build_services(data_dir)
    return services


def raise_our_limits(services: Services) -> None:
    services.settings.update_preset(
        "flashcard", reviews_per_day=DAILY_LIMIT, new_per_day=DAILY_LIMIT
    )


def seed_ours(services: Services, workload: Workload, now: datetime) -> None:
    """Write the workload's card states and history with plain bulk SQL (set-up, not timed)."""
    day = services.study.study_day
    today = day.day_of(now)
    now_ms = round(now.timestamp() * 1000)
    progress = []
    for question, card in zip(workload.questions, workload.cards, strict=True):
        if card.stage == Stage.NEW:
            continue
        if card.stage == Stage.REVIEW:
            due = day.start_of(today + timedelta(days=card.due_days)) + timedelta(hours=2)
            step = None
        else:
            due = now + timedelta(seconds=card.due_seconds)
            step = 0
        last = now - timedelta(days=card.last_review_days)
        progress.append(
            (
                int(card.stage),
                step,
                card.stability,
                card.difficulty,
                round(due.timestamp() * 1000),
                round(last.timestamp() * 1000),
                card.reps,
                card.lapses,
                question.bank,
                question.qid,
            )
        )
    # the undo record as the app writes it
    before = state_json(CardState(Stage.REVIEW, None, 10.0, 5.0, now, now, 3, 0))
    stage_before = {0: int(Stage.LEARNING), 1: int(Stage.REVIEW), 2: int(Stage.RELEARNING)}
    questions = workload.questions
    raw = services.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.executemany(
            "UPDATE progress SET state=?, step=?, stability=?, difficulty=?, due=?, "
            "last_review=?, reps=?, lapses=? WHERE bank_id=? AND question_id=?",
            progress,
        )
        batch: list[tuple[Any, ...]] = []
        insert = (
            "INSERT INTO reviews (bank_id, question_id, question_type, rating, reviewed_at, "
            "duration_ms, state_before, state_after, stability, difficulty, due, before) "
            "VALUES (?, ?, 'flashcard', ?, ?, ?, ?, ?, 10.0, 5.0, ?, ?)"
        )
        for index, moment, rating, duration, kind in workload.history(now_ms):
            q = questions[index]
            after = int(Stage.RELEARNING) if rating == 1 else int(Stage.REVIEW)
            batch.append(
                (q.bank, q.qid, rating, moment, duration, stage_before[kind], after,
                 moment + 10 * DAY * 1000, before)
            )  # fmt: skip
            if len(batch) >= 50_000:
                cursor.executemany(insert, batch)
                batch.clear()
        cursor.executemany(insert, batch)
        cursor.execute("COMMIT")
    finally:
        raw.close()


def ingest_ours(data_dir: Path, banks: Path) -> float:
    services = open_ours(data_dir)
    try:
        start = time.perf_counter()
        result = services.library.import_paths([banks])
        seconds = time.perf_counter() - start
        assert not result.problems, result.problems[:3]
        return seconds
    finally:
        services.close()


# -- Anki's side ----------------------------------------------------------------------------------


def anki_available() -> bool:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        return False
    return True


def open_anki(path: Path) -> Collection:
    from anki.collection import Collection

    path.parent.mkdir(parents=True, exist_ok=True)
    return Collection(str(path))


def ingest_anki(path: Path, workload: Workload) -> tuple[float, Collection]:
    """Notes of the same text added to an empty collection with one ``add_notes`` batch."""
    from anki.collection import AddNoteRequest

    col = open_anki(path)
    col.set_config("fsrs", True)
    deck = col.decks.id("Bench")
    assert deck is not None
    col.decks.select(deck)
    notetype = col.models.by_name("Basic")
    assert notetype is not None
    gc.collect()
    start = time.perf_counter()
    requests = []
    for q in workload.questions:
        note = col.new_note(notetype)
        note["Front"] = q.prompt
        note["Back"] = anki_back(q)
        note.tags = [*q.topics, q.difficulty, q.bank]
        requests.append(AddNoteRequest(note, deck))
    col.add_notes(requests)
    return time.perf_counter() - start, col


def raise_anki_limits(col: Collection) -> None:
    deck = col.decks.id("Bench")
    assert deck is not None
    conf = col.decks.config_dict_for_deck_id(deck)
    conf.pop("dyn", None)
    conf["new"]["perDay"] = DAILY_LIMIT
    conf["rev"]["perDay"] = DAILY_LIMIT
    col.decks.update_config(conf)
    col.decks.select(deck)
    # Our new-card limit stands apart from the review limit; Anki's v3 scheduler lets the review
    # limit cap new cards too unless told otherwise (its "new cards ignore review limit").
    col.set_config("newCardsIgnoreReviewLimit", True)


def seed_anki(col: Collection, workload: Workload, now: datetime) -> None:
    """The same card states in Anki's ``cards`` table, and the same history in ``revlog``,
    written with ``col.db.executemany`` (set-up, not timed)."""
    assert col.db is not None
    note_ids = col.db.list("SELECT id FROM notes ORDER BY id")
    card_of = dict(col.db.all("SELECT nid, id FROM cards"))
    cards = [card_of[nid] for nid in note_ids]
    today = col.sched.today
    now_s = int(now.timestamp())
    rows = []
    for cid, card in zip(cards, workload.cards, strict=True):
        if card.stage == Stage.NEW:
            continue
        last = now_s - int(card.last_review_days * DAY)
        data = json.dumps(
            {"s": round(card.stability, 4), "d": round(card.difficulty, 3), "dr": 0.9,
             "decay": 0.1542, "lrt": last},
            separators=(",", ":"),
        )  # fmt: skip
        if card.stage == Stage.REVIEW:
            ivl = max(1, round(card.stability))
            rows.append((2, 2, today + card.due_days, ivl, card.reps, card.lapses, 0, data, cid))
        else:
            rows.append((1, 1, now_s + card.due_seconds, 0, card.reps, 0, 1, data, cid))
    col.db.executemany(
        "UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=2500, reps=?, lapses=?, "
        "left=?, data=? WHERE id=?",
        rows,
    )
    batch: list[tuple[int, ...]] = []
    insert = "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, 2500, ?, ?)"
    for index, moment, rating, duration, kind in workload.history(round(now.timestamp() * 1000)):
        ivl = -600 if kind != 1 else 10
        batch.append((moment, cards[index], rating, ivl, 5, duration, kind))
        if len(batch) >= 50_000:
            col.db.executemany(insert, batch)
            batch.clear()
    col.db.executemany(insert, batch)


# -- timing ---------------------------------------------------------------------------------------


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _ratings(count: int, seed: int) -> list[Grade]:
    rng = random.Random(seed)
    return rng.choices(list(Grade), (10, 5, 75, 10), k=count)


class OurAnswers:
    """Our review screen's step, timed per answer; the session goes on across calls."""

    def __init__(self, services: Services) -> None:
        self._session = ReviewSession(services.study, services.clock)
        self._session.start()

    def run(self, ratings: list[Grade]) -> list[float]:
        session, timings = self._session, []
        for grade in ratings:
            if session.card is None:
                break
            session.reveal()
            start = time.perf_counter()
            session.grade(grade)
            session.interval_labels()
            timings.append(time.perf_counter() - start)
        return timings


class AnkiAnswers:
    """Anki's reviewer's step, timed per answer; the queue goes on across calls."""

    def __init__(self, col: Collection) -> None:
        self._col = col
        self._queued = col.sched.get_queued_cards(fetch_limit=1)

    def run(self, ratings: list[Grade]) -> list[float]:
        from anki.cards import Card

        col, timings = self._col, []
        for grade in ratings:
            if not self._queued.cards:
                break
            top = self._queued.cards[0]
            card = Card(col, backend_card=top.card)
            card.start_timer()
            start = time.perf_counter()
            # Anki's ratings count from 0 (AGAIN) where ours count from 1
            answer = col.sched.build_answer(card=card, states=top.states, rating=int(grade) - 1)  # type: ignore[arg-type]
            col.sched.answer_card(answer)
            self._queued = col.sched.get_queued_cards(fetch_limit=1)
            if self._queued.cards:
                # The card with its text, as ours comes: the reviewer renders the note's fields.
                Card(col, backend_card=self._queued.cards[0].card).note()
                col.sched.describe_next_states(self._queued.cards[0].states)
            timings.append(time.perf_counter() - start)
        return timings


ANSWER_BLOCKS = 10


def answers_side_by_side(
    services: Services, col: Collection, ratings: list[Grade], blocks: int = ANSWER_BLOCKS
) -> tuple[list[float], list[float]]:
    """Both sides answer the same grades in turns of ``len(ratings) / blocks``, the side that
    goes first alternating: whatever the machine does meanwhile (a busy neighbour, the page
    cache losing one side's file) falls on both sides alike, not on whichever ran second."""
    ours, anki = OurAnswers(services), AnkiAnswers(col)
    ours_times: list[float] = []
    anki_times: list[float] = []
    size = max(1, -(-len(ratings) // blocks))
    for index, first in enumerate(range(0, len(ratings), size)):
        block = ratings[first : first + size]
        turns = [(ours, ours_times), (anki, anki_times)]
        for side, times in turns if index % 2 == 0 else reversed(turns):
            gc.collect()
            times.extend(side.run(block))
    return ours_times, anki_times


@dataclass
class Row:
    name: str
    ours_ms: float
    anki_ms: float
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.anki_ms if self.anki_ms else float("inf")


def run(
    questions: int, reviews: int, answers: int = 1_000, repeat: int = 5, seed: int = 7
) -> dict[str, Any]:
    """Build the workload, put it into both systems, time each row. Returns rows and facts."""
    workload = make_workload(questions, reviews, seed)
    rows: list[Row] = []
    facts: dict[str, Any] = {"questions": questions, "reviews": reviews}
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        root = Path(tmp)
        banks = root / "banks"
        write_banks(banks, workload)

        # ingest: a fresh empty database each time
        ingest_runs = max(1, min(repeat, 3 if questions <= 20_000 else 1))
        ours_ingest, anki_ingest = [], []
        for run_index in range(ingest_runs):
            gc.collect()
            ours_ingest.append(ingest_ours(root / f"ours-{run_index}", banks))
            seconds, col = ingest_anki(root / f"anki-{run_index}" / "collection.anki2", workload)
            anki_ingest.append(seconds)
            col.close()
        rows.append(
            Row(
                f"ingest {questions:,} questions",
                statistics.median(ours_ingest) * 1000,
                statistics.median(anki_ingest) * 1000,
            )
        )

        # set-up, untimed: states and history on both sides
        ours_dir = root / "ours-0"
        anki_path = root / "anki-0" / "collection.anki2"
        now = datetime.now(UTC)
        services = open_ours(ours_dir)
        raise_our_limits(services)
        seed_ours(services, workload, now)
        services.close()
        col = open_anki(anki_path)
        raise_anki_limits(col)
        seed_anki(col, workload, now)
        col.close()

        # re-open and build today's queue (a warm-up open first: imports, caches)
        def reopen_ours() -> None:
            services = open_ours(ours_dir)
            services.study.counts()
            card = services.study.next_card()
            assert card is not None
            services.close()

        def reopen_anki() -> None:
            col = open_anki(anki_path)
            assert col.sched.get_queued_cards(fetch_limit=1).cards
            col.close()

        reopen_ours()
        reopen_anki()
        rows.append(
            Row(
                "re-open + today's queue",
                _median_ms(reopen_ours, repeat),
                _median_ms(reopen_anki, repeat),
            )
        )

        services = open_ours(ours_dir)
        col = open_anki(anki_path)
        try:
            ours_counts = services.study.counts()
            new, learning, review = col.sched.counts()
            facts["counts_ours"] = [ours_counts.new, ours_counts.learning, ours_counts.review]
            facts["counts_anki"] = [new, learning, review]

            ratings = _ratings(answers, seed)
            ours_times, anki_times = answers_side_by_side(services, col, ratings)
            facts["answers_timed"] = [len(ours_times), len(anki_times)]
            for label, q in (("p50", 0.5), ("p95", 0.95)):
                rows.append(
                    Row(
                        f"answer + next card, {label}",
                        percentile(ours_times, q) * 1000,
                        percentile(anki_times, q) * 1000,
                        f"{len(ours_times)} answers, {ANSWER_BLOCKS} turns each",
                    )
                )

            rows.append(
                Row(
                    "counts new / learning / due",
                    _median_ms(services.study.counts, repeat * 4),
                    _median_ms(col.sched.counts, repeat * 4),
                )
            )
            rows.append(
                Row(
                    "Progress statistics",
                    _median_ms(services.progress.report, repeat),
                    _median_ms(
                        lambda: col._backend.graphs(search="deck:current", days=365), repeat
                    ),
                )
            )

            def search_ours(word: str) -> list[int]:
                return services.browse.listing(BrowseQuery(text=word)).ids

            for word, what in ((RARE_WORD, "1% of questions"), (COMMON_WORD, "most questions")):
                ours_hits = len(search_ours(word))
                anki_hits = len(col.find_cards(word, order=True))
                facts[f"hits_{word}"] = [ours_hits, anki_hits]
                rows.append(
                    Row(
                        f"search '{word}' ({what})",
                        _median_ms(lambda w=word: search_ours(w), repeat),
                        _median_ms(lambda w=word: col.find_cards(w, order=True), repeat),
                        f"{ours_hits:,} / {anki_hits:,} hits",
                    )
                )
        finally:
            services.close()
            col.close()
    facts["rows"] = [
        {
            "name": r.name,
            "ours_ms": r.ours_ms,
            "anki_ms": r.anki_ms,
            "ratio": r.ratio,
            "note": r.note,
        }
        for r in rows
    ]
    return facts


def format_table(results: dict[str, Any]) -> str:
    lines = [
        f"{results['questions']:,} questions, {results['reviews']:,} review-log rows",
        "",
        "| operation | interviewprep | Anki | ratio | |",
        "|---|---:|---:|---:|---|",
    ]
    for row in results["rows"]:
        lines.append(
            f"| {row['name']} | {_fmt(row['ours_ms'])} | {_fmt(row['anki_ms'])} | "
            f"{row['ratio']:.2f}x | {row['note']} |"
        )
    lines.append("")
    lines.append(
        f"counts today (new, learning, due): ours {results['counts_ours']}, "
        f"Anki {results['counts_anki']}"
    )
    return "\n".join(lines)


def _fmt(ms: float) -> str:
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 10:
        return f"{ms:.0f} ms"
    return f"{ms:.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench compare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, help="review-log rows (default 10 per question)")
    parser.add_argument("--answers", type=int, default=1_000, help="answers to time on each side")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not anki_available():
        parser.exit(2, 'Anki is not installed: pip install -e ".[bench]"\n')
    reviews = args.reviews if args.reviews is not None else 10 * args.questions
    results = run(args.questions, reviews, args.answers, args.repeat)
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0
