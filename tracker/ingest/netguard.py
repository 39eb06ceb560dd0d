"""Which network addresses a fetch may reach (server-side request forgery).

Anyone who can add a source from the web could otherwise make the watcher
fetch ``http://127.0.0.1:…``, a router or a cloud metadata address and read
the answer back as a "statement". The policy here is the one rule, used
twice: when a source is added (an early, readable refusal) and by the fetch
transport on every connection it opens, redirects included, against the
address it actually connects to (so DNS rebinding and parser tricks gain
nothing). It lives below the web layer because the watcher needs it too.

An address is refused unless it is globally routable unicast, and so is any
IPv6 form that carries an IPv4 address inside (IPv4-mapped and -compatible,
NAT64, 6to4, Teredo) whose IPv4 address would be refused. The owner may
list extra networks that count as allowed (an intranet; the tests use a
second loopback address), and may inject the resolver.
"""

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from tracker.errors import InputError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SIIT = ipaddress.ip_network("::ffff:0:0:0/96")
_COMPATIBLE = ipaddress.ip_network("::/96")


class BlockedAddress(InputError):
    """A fetch or a new source would reach an address the policy refuses."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the system's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        raise BlockedAddress(f"{host}: cannot resolve this host name") from None
    found: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%")[0]
        if address not in found:
            found.append(address)
    return found


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, plus ``allowed`` networks; ``resolver`` turns
    a host name into addresses (injectable, for tests of DNS rebinding)."""

    allowed: tuple[Network, ...] = ()
    resolver: Resolver = system_resolver

    def refusal(self, address: Address) -> str | None:
        """Why ``address`` may not be reached, or None when it may."""
        if any(address in net for net in self.allowed if net.version == address.version):
            return None
        if address.is_multicast or not address.is_global:
            return "is a loopback, link-local, private or reserved address"
        if isinstance(address, ipaddress.IPv6Address):
            if address in _NAT64_LOCAL:
                return "is a local-use NAT64 address"
            for inner in embedded_ipv4(address):
                if self.refusal(inner):
                    return f"is an IPv6 form of the internal address {inner}"
        return None

    def validate_address(self, text: str, host: str) -> Address:
        address = ipaddress.ip_address(text)
        why = self.refusal(address)
        if why:
            where = host if host == text else f"{host} resolves to {address},"
            raise BlockedAddress(f"{where} {why}; sources must be public")
        return address

    def resolve_checked(self, host: str, port: int) -> list[str]:
        """The addresses to connect to; refused if any one is internal, so a
        name that mixes a public and an internal answer is refused whole."""
        found = self.resolver(host, port)
        if not found:
            raise BlockedAddress(f"{host}: cannot resolve this host name")
        for text in found:
            self.validate_address(text, host)
        return found


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (and a router may reach)."""
    found = []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if any(address in net for net in (_NAT64, _NAT64_LOCAL, _SIIT, _COMPATIBLE)):
        found.append(low)
    return found


def parse_networks(values: Iterable[str], where: str = "configuration") -> tuple[Network, ...]:
    """``["10.1.0.0/16", "127.0.0.2"]`` → networks; one readable line if bad."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value), strict=False))
        except ValueError:
            raise InputError(f"{where}: {value!r} is not an IP network "
                             "(write e.g. 10.1.0.0/16)") from None
    return tuple(networks)


def validate_url_authority(url: str) -> str:
    """Refuse URLs that two parsers read differently: ``urllib.parse``
    (which the checks use) and urllib3 (which opens the connection)."""
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    parts = urlsplit(url)
    if "\\" in parts.netloc:
        raise InputError(f"invalid URL {url!r}: a backslash in the host part")
    try:
        other = parse_url(url)
        ours = (parts.hostname or "", parts.port)
    except (LocationParseError, ValueError):
        raise InputError(f"invalid URL {url!r}: cannot read the host and port") from None
    theirs = ((other.host or "").strip("[]").lower(), other.port)
    if (_ascii_host(ours[0]), ours[1]) != theirs:
        raise InputError(f"invalid URL {url!r}: its host is read as {ours[0] or 'none'} by "
                         f"one parser and {theirs[0] or 'none'} by another")
    return url


def _ascii_host(host: str) -> str:
    """An international name as urllib3 sends it (IDNA), so that it is not
    mistaken for a disagreement between the parsers."""
    try:
        return host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return host


def validate_public_url(url: str, policy: AddressPolicy | None = None) -> str:
    """The add-time check: a readable refusal before anything is stored.
    The fetch transport checks again at connect time (see ``tracker.ingest.fetch``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"invalid URL {url!r}: use an http:// or https:// address")
    validate_url_authority(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InputError(f"invalid URL {url!r}: the port is not a number") from None
    (policy or AddressPolicy()).resolve_checked(parts.hostname, port)
    return url


__all__ = ["AddressPolicy", "BlockedAddress", "validate_public_url", "validate_url_authority",
           "embedded_ipv4", "parse_networks", "system_resolver"]
