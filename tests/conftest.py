import pytest

from factcheck.i18n import set_language


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: the command line sets the language for the whole
    process, so a test that runs it with --lang en in process would otherwise hand English
    messages to the next test's library calls (test_garbles after test_formats, when test_fuzz
    did not run between them)."""
    set_language("zh")
    yield
