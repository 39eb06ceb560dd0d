"""Store verbs for browser sign-ins (a mixin of :class:`tracker.store.Store`).

A signed cookie alone cannot be taken back: whoever kept a copy stays
signed in until it expires. So each sign-in is also a row here, and the
cookie only counts while its row lives. Rows hold a digest of the session
id, never the id itself, and a tag of the admin token it was made under
(computed by the web layer, which alone knows the token): a reader of the
database learns neither, and a new token ends every older sign-in.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.strftime(_TIME_FORMAT)


class SessionsMixin:
    """Start, check and end browser sign-ins (mixed into ``Store``)."""

    def start_session(self, session_id: str, token_tag: str, lifetime: timedelta) -> None:
        """Record a sign-in that lasts ``lifetime`` at most; expired rows go."""
        now = datetime.now(UTC)
        with self.write():
            self.db.execute("DELETE FROM web_sessions WHERE expires_at <= ?", [_stamp(now)])
            self.db["web_sessions"].insert({
                "key": _key(session_id), "token_tag": token_tag, "created_at": _stamp(now),
                "expires_at": _stamp(now + lifetime)})

    def session_is_live(self, session_id: str, token_tag: str) -> bool:
        """True while the sign-in exists, has not expired and was made under
        the token whose tag is ``token_tag``."""
        row = self._one("SELECT token_tag, expires_at FROM web_sessions WHERE key = ?",
                        _key(session_id))
        return bool(row) and hmac.compare_digest(row["token_tag"], token_tag) \
            and row["expires_at"] > _stamp(datetime.now(UTC))

    def end_session(self, session_id: str) -> bool:
        """Forget a sign-in (signing out); False when there was none."""
        with self.write():
            cursor = self.db.execute("DELETE FROM web_sessions WHERE key = ?",
                                     [_key(session_id)])
        return cursor.rowcount > 0
