"""The address policy: which addresses a checked fetch may reach, and the
add-time refusals (one readable line, nothing stored)."""

import ipaddress

import pytest

from tracker.errors import InputError
from tracker.ingest.netguard import (
    AddressPolicy,
    BlockedAddress,
    embedded_ipv4,
    validate_public_url,
    validate_url_authority,
)
from tracker.settings import parse_settings

INTERNAL_IN_IPV6 = [
    "64:ff9b::7f00:1",          # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",       # NAT64 of the metadata address 169.254.169.254
    "64:ff9b:1::7f00:1",        # local-use NAT64
    "2002:7f00:1::",            # 6to4 of 127.0.0.1
    "2002:a00:1::1",            # 6to4 of 10.0.0.1
    "::127.0.0.1",              # IPv4-compatible
    "::ffff:127.0.0.1",         # IPv4-mapped
    "::ffff:0:a00:1",           # SIIT-translated 10.0.0.1
    "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo (client 10.0.0.1)
]


@pytest.mark.parametrize("address", INTERNAL_IN_IPV6)
def test_ipv6_forms_of_internal_addresses_are_refused(address):
    with pytest.raises(BlockedAddress, match="must be public"):
        validate_public_url(f"http://[{address}]/statement")


@pytest.mark.parametrize("address", ["64:ff9b::101:101", "2002:101:101::1",
                                     "2606:4700:4700::1111", "1.1.1.1"])
def test_public_addresses_and_their_ipv6_forms_pass(address):
    host = f"[{address}]" if ":" in address else address
    assert validate_public_url(f"http://{host}/s") == f"http://{host}/s"


def test_the_embedded_address_is_found():
    found = embedded_ipv4(ipaddress.IPv6Address("64:ff9b::7f00:1"))
    assert ipaddress.IPv4Address("127.0.0.1") in found


@pytest.mark.parametrize("url", ["http://127.0.0.1:5301\\@1.1.1.1/../index.html",
                                 "http://1.1.1.1\\@127.0.0.1/"])
def test_urls_two_parsers_read_differently_are_refused(url):
    with pytest.raises(InputError, match="backslash") as raised:
        validate_public_url(url)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("url", ["https://münchen.de/x", "https://WWW.State.GOV/x",
                                 "http://[2606:4700::1111]:8080/"])
def test_ordinary_urls_pass_the_parser_comparison(url):
    assert validate_url_authority(url) == url


def test_a_name_with_one_internal_answer_is_refused_whole():
    policy = AddressPolicy(resolver=lambda _h, _p: ["1.1.1.1", "10.0.0.7"])
    with pytest.raises(BlockedAddress, match="statement.test resolves to 10.0.0.7"):
        validate_public_url("http://statement.test/", policy)


def test_allowed_networks_count_as_public():
    policy = AddressPolicy((ipaddress.ip_network("127.0.0.2/32"),))
    assert validate_public_url("http://127.0.0.2:8080/s", policy)
    with pytest.raises(BlockedAddress):
        validate_public_url("http://127.0.0.1:8080/s", policy)


def test_the_fetch_section_of_tracker_toml():
    settings = parse_settings({"fetch": {"allow_private": False,
                                         "allowed_networks": ["10.1.0.0/16"]},
                               "watch": {"total_timeout": 20}})
    assert settings.fetch.allow_private is False and settings.watch.total_timeout == 20
    assert settings.fetch.policy().allowed == (ipaddress.ip_network("10.1.0.0/16"),)
    assert parse_settings({}).fetch.allow_private is True
    for bad in ({"fetch": {"allow": True}}, {"fetch": {"allowed_networks": ["nonsense"]}},
                {"fetch": {"allow_private": "no"}}):
        with pytest.raises(InputError):
            parse_settings(bad)


def test_sources_remember_where_they_were_added(initialised, cli):
    from tracker.store import open_store

    done = cli("sources", "add", "http://127.0.0.1:9/s", "--document",
               "edscg-6-joint-statement", "--meeting", "edscg-6", "--json")
    assert done.exit_code == 0, done.output
    with open_store(initialised) as store:
        source = store.sources()[0]
    assert source.origin == "cli" and not source.fetch_guarded(allow_private=True)
    assert source.fetch_guarded(allow_private=False)
