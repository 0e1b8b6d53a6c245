import pytest

from pcdocs.render.overview import page_url, relative_url


@pytest.mark.parametrize(("src", "directory_urls", "url"), [
    ("index.md", True, ""),
    ("iasz/index.md", True, "iasz/"),
    ("iasz/2024/jaarplan.md", True, "iasz/2024/jaarplan/"),
    ("iasz/2024/jaarplan.md", False, "iasz/2024/jaarplan.html"),
    ("index.md", False, "index.html"),
])
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(("here", "there", "expected"), [
    ("index.md", "iasz/2024/jaarplan.md", "iasz/2024/jaarplan/"),
    ("iasz/index.md", "iasz/2024/jaarplan.md", "2024/jaarplan/"),
    ("iasz/2024/jaarplan.md", "index.md", "../../../"),
    ("index.md", "iasz/index.md", "iasz/"),
])
def test_relative_url(here: str, there: str, expected: str) -> None:
    assert relative_url(here, there) == expected
