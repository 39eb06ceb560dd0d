"""A plain (non-editable) install finds the bundled corpus and templates.

The wheel is built from this checkout and installed into a folder of its own;
the checks then run from another folder with that copy first on the path, so
nothing can be found through the checkout by accident.
"""

import json
import os
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

CHECK = textwrap.dedent("""
    import json, sys
    import tracker
    from tracker.settings import bundled_dir
    from tracker.store import open_store
    from tracker.store.corpus import load_bundled_corpus
    from tracker.web import create_app
    with open_store("installed.db") as store:
        report = load_bundled_corpus(store)
        slugs = [d.slug for d in store.documents()]
    client = create_app({"DATABASE": "installed.db"}).test_client()
    pages = ["/"] + [f"/documents/{s}" for s in slugs] + [f"/documents/{s}/v1" for s in slugs]
    print(json.dumps({
        "package": tracker.__file__,
        "snapshots": str(bundled_dir("snapshots")),
        "templates": str(bundled_dir("templates")),
        "created": report.created,
        "statuses": sorted({client.get(p).status_code for p in pages}),
    }))
""")


def test_plain_install_carries_corpus_and_templates(tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    for key in ("package", "snapshots", "templates"):
        assert facts[key].startswith(str(target)), facts
    expected = len(list((ROOT / "snapshots").rglob("*.txt")))
    assert facts["created"] == expected
    assert facts["statuses"] == [200]
