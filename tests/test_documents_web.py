"""The web's upload form reads PDF and DOCX through the same pipeline as
``tracker add``, and refuses a PDF sent as text with the same words."""

import io

import pytest

from tests.conftest import SignIn, file_digest
from tests.documents import EXPECTED, statement_docx, statement_pdf


@pytest.fixture
def client(make_app):
    client = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert SignIn(client).sign_in().status_code == 302
    return client


def upload(client, data: bytes, name: str, fmt: str = "auto"):
    form = {"csrf_token": SignIn(client).form_token(), "meeting": "edscg-6", "format": fmt,
            "file": (io.BytesIO(data), name)}
    return client.post("/add", data=form, content_type="multipart/form-data")


@pytest.mark.parametrize(("data", "name", "raw_type"), [(statement_pdf(), "s.pdf", "pdf"),
                                                        (statement_docx(), "s.docx", "docx")])
def test_an_uploaded_document_becomes_its_paragraphs(client, data, name, raw_type):
    done = upload(client, data, name)
    assert "Added edscg-6-joint-statement v1" in done.get_data(as_text=True)
    document = client.get("/api/documents/edscg-6-joint-statement").get_json()
    assert document["versions"][0]["raw_type"] == raw_type
    snapshot = client.get("/api/documents/edscg-6-joint-statement/v1").get_json()
    assert snapshot["text"] == "\n\n".join(EXPECTED)


def test_a_pdf_uploaded_as_text_is_refused(client, initialised):
    before = file_digest(initialised)
    done = upload(client, statement_pdf(), "s.txt", fmt="text")
    assert done.status_code == 400
    assert "this is a PDF file, not text: use --format pdf" in done.get_data(as_text=True)
    assert file_digest(initialised) == before
