"""The plain records that cross layer lines: what a caller asks the store to
keep (specs and captures) and what the store hands back.

Frozen dataclasses, standard library only, so the CLI, the web app, the
snapshot-file format and the store can all speak them without importing
each other.
"""

from dataclasses import asdict, dataclass, field

RAW_TYPES = ("text", "html", "pdf", "docx")
ORIGINS = ("cli", "import", "scheduler", "web")
# What is known about a document's official URL (``url_status``): checked
# against the live page, taken on trust, or not known.
URL_STATUSES = ("verified", "unverified", "unknown")


@dataclass(frozen=True)
class MeetingSpec:
    """A meeting as a caller describes it; None means "not said"."""

    slug: str
    series: str
    series_title: str | None = None
    number: int | None = None
    title: str | None = None
    date: str | None = None
    location: str | None = None
    delegations: str | None = None


@dataclass(frozen=True)
class DocumentSpec:
    """A document as a caller describes it; ``meeting`` may be None for a
    document the store already knows."""

    slug: str
    meeting: MeetingSpec | None = None
    kind: str | None = None
    primary: bool | None = None
    publisher: str | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None
    url_status: str | None = None
    notice: str | None = None
    translation_of: str | None = None


@dataclass(frozen=True)
class Capture:
    """One observation of a document's text, ready to become a version.

    ``version`` and ``sha256`` are set only when replaying an export: the
    store then checks them instead of choosing the next number.
    """

    text: str
    raw: bytes | None = None
    raw_type: str = "text"
    origin: str = "cli"
    source_url: str | None = None
    note: str | None = None
    captured_at: str | None = None
    version: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Meeting:
    id: int
    slug: str
    series: str
    series_title: str | None
    number: int | None
    title: str | None
    date: str | None
    location: str | None
    delegations: str | None
    document_count: int = 0
    documents: tuple["DocumentSummary", ...] = field(default=())

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DocumentSummary:
    """A document with the facts a listing needs."""

    slug: str
    meeting: str
    series: str
    kind: str
    primary: bool
    publisher: str | None
    language: str | None
    title: str | None
    url: str | None
    url_status: str | None
    notice: str | None
    versions: int
    latest_captured_at: str | None
    meeting_title: str | None = None
    meeting_date: str | None = None
    meeting_number: int | None = None
    translation_of: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SnapshotInfo:
    """A version without its text: what a history lists."""

    document: str
    version: int
    captured_at: str
    sha256: str
    origin: str
    raw_type: str
    source_url: str | None
    note: str | None
    chars: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Snapshot:
    """One immutable version with its text and the document around it."""

    info: SnapshotInfo
    document: DocumentSummary
    text: str

    @property
    def label(self) -> str:
        return f"{self.info.document}@{self.info.version}"

    def to_dict(self) -> dict:
        return {**self.info.to_dict(), "document_info": self.document.to_dict(), "text": self.text}


@dataclass(frozen=True)
class AddResult:
    """What adding a capture did: a new version, or nothing because the
    text equals the latest version."""

    document: str
    version: int
    created: bool
    sha256: str
    created_document: bool = False
    created_meeting: bool = False
    returned: bool = False

    def describe(self) -> str:
        if self.created:
            return f"{self.document} v{self.version}"
        if self.returned:
            return f"returned to v{self.version}"
        return f"unchanged (v{self.version})"

    def to_dict(self) -> dict:
        status = "created" if self.created else "returned" if self.returned else "unchanged"
        return {**asdict(self), "status": status}


@dataclass(frozen=True)
class SearchHit:
    """One matching version; ``snippet`` marks matches with \\x02 … \\x03."""

    document: str
    version: int
    meeting: str
    publisher: str | None
    title: str | None
    snippet: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LinkRule:
    """Which links of a listing page are statements, and what the documents
    found through them are. Every part given must hold: ``text`` is found
    in the link's text (any case), ``selector`` (CSS, HTML pages) holds the
    link, ``url_pattern`` (a regular expression) is found in its address.
    ``meeting_pattern`` is a regular expression whose first group is the
    meeting's number or ordinal ("6", "6th", "Sixth"), tried on the link
    text, then on the statement; without it the number is read from an
    ordinal next to the series' name. ``follow_existing`` makes the first
    check follow the links already listed, not only the ones added later."""

    text: str | None = None
    selector: str | None = None
    url_pattern: str | None = None
    meeting_pattern: str | None = None
    kind: str = "joint-statement"
    publisher: str | None = None
    follow_existing: bool = False

    def describe(self) -> str:
        """``text "Extended Deterrence", url /press/``: the rule in one line."""
        parts = [f"text {self.text!r}" if self.text else "",
                 f"selector {self.selector!r}" if self.selector else "",
                 f"url {self.url_pattern!r}" if self.url_pattern else ""]
        return ", ".join(p for p in parts if p) or "every link"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Source:
    """A watched page: where, which document it feeds, how often, what to
    ignore. A ``listing`` source feeds a series instead: each new link on
    it that its ``listing`` rule accepts becomes a new document."""

    id: int
    url: str
    document: str | None
    selector: str | None
    interval_seconds: int | None
    cron: str | None
    ignore: tuple[str, ...]
    enabled: bool
    created_at: str
    etag: str | None = None
    last_modified: str | None = None
    usual_length: int | None = None
    note: str | None = None
    origin: str = "cli"  # "web" sources are always held to public addresses
    last_checked_at: str | None = None
    last_outcome: str | None = None
    kind: str = "page"  # or "listing"
    series: str | None = None  # what a listing's new statements belong to
    listing: LinkRule | None = None

    @property
    def is_listing(self) -> bool:
        return self.kind == "listing"

    @property
    def target(self) -> str:
        """What the source feeds: its document, or a listing's series."""
        return f"new {self.series} statements" if self.is_listing else str(self.document)

    @property
    def short_interval(self) -> bool:
        """Checked more often than once a minute: fine for tests and demos,
        unkind to a real server, so the CLI and the scheduler warn."""
        return bool(self.interval_seconds) and self.interval_seconds < 60 and not self.cron

    def fetch_guarded(self, allow_private: bool) -> bool:
        """Whether fetches of this source must pass the address policy."""
        return self.origin == "web" or not allow_private

    def schedule(self) -> str:
        if self.cron:
            return f"cron {self.cron}"
        return f"every {format_interval(self.interval_seconds or 0)}"

    def to_dict(self) -> dict:
        return {**asdict(self), "ignore": list(self.ignore)}


def format_interval(seconds: int) -> str:
    """6h, 90m, 15s: the largest unit that divides the interval."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True)
class CheckRecord:
    """One visit to a source and what came of it."""

    source_id: int
    started_at: str
    duration_ms: int
    outcome: str
    http_status: int | None = None
    bytes: int | None = None
    message: str | None = None
    version: int | None = None
    id: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


CHECK_OUTCOMES = ("new-version", "unchanged", "not-modified", "returned", "error",
                  "new-statement")


@dataclass(frozen=True)
class Report:
    """A change report as stored: ``payload`` is its JSON, from which every
    channel renders, so a retry after a restart sends the very same report."""

    id: int
    key: str
    kind: str
    document: str | None
    version: int | None
    created_at: str
    title: str
    payload: dict
    subscription: str = ""  # set when sent narrowed, for one subscription

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Delivery:
    """One report on one channel: pending until sent, retried with backoff."""

    id: int
    report_id: int
    channel: str
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: str | None
    sent_at: str | None
    subscription: str = ""  # empty: the whole report, for the channel itself

    def to_dict(self) -> dict:
        return asdict(self)


# How much an annotated change matters, least first; a unit nobody judged is routine.
SIGNIFICANCES = ("routine", "notable", "major")


@dataclass(frozen=True)
class AnnotationSubject:
    """What an annotation is attached to: a unit of the comparison
    ``a_ref`` → ``b_ref`` (two ``DOCUMENT@N``), or a commitment thread of
    ``series``; ``key`` names it there (see ``tracker.compare.keys``) and
    ``excerpt`` is its text as it read when annotated."""

    target: str  # "unit" or "thread"
    key: str
    excerpt: str
    a_ref: str | None = None
    b_ref: str | None = None
    series: str | None = None


# What became of a link a listing source found: ``baseline`` (listed at the
# first check, not followed), ``pending`` (new, to be followed), ``stored``
# (its statement is a document's version), ``known`` (its page is already a
# document's), ``failed`` and ``unclear`` (fetching or reading it failed, or
# its meeting number could not be told; both are tried again).
LINK_STATES = ("baseline", "pending", "stored", "known", "failed", "unclear")
RETRIED_LINK_STATES = ("pending", "failed", "unclear")


@dataclass(frozen=True)
class ListingLink:
    """One link a listing source has seen."""

    url: str
    text: str | None
    state: str
    attempts: int = 0
    last_error: str | None = None
    document: str | None = None
    first_seen_at: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)
