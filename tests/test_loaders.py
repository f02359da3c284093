"""Loaders: every format, every LoadError, and the cleaning that keeps only the article body."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import document_id
from loaders import LoadError, iter_files, load_path
from loaders.text import clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"
DEV = Path(__file__).parents[2] / "shared" / "eval" / "dev"
EXAMPLES = Path(__file__).parents[1] / "examples"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")


def load_one(path: Path, **options) -> object:
    documents = load_path(path, **options)
    assert len(documents) == 1
    return documents[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text -------------------------------------------------------------------------

def test_plain_text_keeps_the_article_and_drops_the_page_around_it():
    doc = load_one(FIXTURES / "report_with_noise.txt")
    assert doc.title == "Militia hands over Grad launchers to army in Deir ez-Zor"
    assert doc.text.startswith("DEIR EZ-ZOR, 12 June 2019 — A local militia handed four BM-21 Grad")
    assert "The launchers were taken from an Iraqi border post in 2015" in doc.text
    assert doc.text.endswith("at its base near the city airport.")
    for noise in ("$", "€", "JUNE 2024", "Support Frontline Ledger", "Click to see", "Photo:",
                  "Share this", "Tweet", "Read more", "Related:", "comments", "Notify of",
                  "Sandy Dune", "older than me", "Would love your thoughts",
                  "Militia hands over Grad launchers"):
        assert noise not in doc.text, noise
    assert doc.text.count("\n\n") == 2  # three paragraphs, each its own block
    assert doc.id == document_id(doc.text)
    assert doc.source == str(FIXTURES / "report_with_noise.txt")


def test_page_header_date_is_not_the_publication_date_but_a_dateline_is():
    doc = load_one(FIXTURES / "report_with_noise.txt")
    assert doc.published == "2019-06-12"  # from the dateline, not "JUNE 2024" above the headline
    undated = clean_text("MARCH 2025\n\nHeadline here\n\nThe army received twelve tanks on Monday, officials said.")
    assert undated.published is None
    assert undated.body == "The army received twelve tanks on Monday, officials said."


def test_published_option_overrides_what_the_file_says():
    assert load_one(FIXTURES / "report_with_noise.txt", published="2019-06").published == "2019-06"
    assert load_one(FIXTURES / "report_with_comments.html", published="2019").published == "2019"
    assert {d.published for d in load_path(FIXTURES / "feed.rss", published="2021")} == {"2021"}


@pytest.mark.parametrize("line", [
    "Published: 4 May 2020", "Published on 2020-05-04", "Posted by Omar Ali on May 4, 2020",
    "Posted on Mon, 04 May 2020 10:00:00 +0000", "Date: Monday, 4 May 2020 09:15"])
def test_published_line_is_read_and_dropped(line):
    clean = clean_text(f"Headline here\n\n{line}\n\nThe navy commissioned two corvettes.")
    assert clean.published == "2020-05-04"
    assert clean.body == "The navy commissioned two corvettes."


def test_text_without_extension_and_markdown_load_as_plain_text(tmp_path):
    text = "Convoy reaches Idlib\n\nA convoy of armoured vehicles reached Idlib on Friday."
    for name in ("report", "report.md"):
        doc = load_one(write(tmp_path, name, text))
        assert (doc.title, doc.text) == ("Convoy reaches Idlib",
                                         "A convoy of armoured vehicles reached Idlib on Friday.")


def test_markdown_heading_is_the_title_and_image_lines_are_chrome(tmp_path):
    text = ("# Convoy reaches Idlib\n\n![A convoy on the M5 highway](convoy.jpg)\n\n"
            "A convoy of armoured vehicles reached Idlib on Friday.\n\n## Background\n\nThe road reopened in March.")
    doc = load_one(write(tmp_path, "report.md", text))
    assert doc.title == "Convoy reaches Idlib"
    assert doc.text == ("A convoy of armoured vehicles reached Idlib on Friday.\n\n## Background\n\n"
                        "The road reopened in March.")


def test_text_starting_with_prose_has_no_title_and_loses_nothing():
    text = "ADEN, 2 May 2019 — Coalition forces intercepted a ballistic missile over the city.\n\nNo one was hurt."
    clean = clean_text(text)
    assert clean.title is None
    assert clean.body == text


# --- cleaning rules ---------------------------------------------------------------------

ARTICLE = ("The brigade received six howitzers from the defence ministry last week, an officer said"
           " on Monday.")


@pytest.mark.parametrize("marker", [
    "Notify of", "Inline Feedbacks", "View all comments", "Newest Most Voted", "Leave a comment",
    "Leave a Reply", "3 comments", "1 Comment", "Comments are closed.",
    "Would love your thoughts, please comment.x", "Comments", "Comments powered by Disqus."])
def test_comment_section_is_cut_with_everything_after_it(marker):
    clean = clean_text(f"{ARTICLE}\n\n{marker}\n\nReader One\n\nThis is a reader's opinion about the howitzers.")
    assert clean.body == ARTICLE


def test_comment_marker_before_the_article_drops_only_that_line():
    clean = clean_text(f"12 comments\n\n{ARTICLE}\n\nThe guns will be based in Latakia.")
    assert clean.body == f"{ARTICLE}\n\nThe guns will be based in Latakia."


@pytest.mark.parametrize("line", [
    "Support SouthFront", "Support Us", "Donate", "Donate now", "2,500 $", "$50", "0 $", "€ 20",
    "Click to see the full-size image", "Photo: Soldiers unload a howitzer in Latakia.",
    "Image credit: Ministry of Defence", "Share this:", "Share this: Facebook Twitter", "Tweet",
    "Read more", "Read more »", "Related: Army opens new base", "Advertisement",
    "By Jane Doe", "MARCH 2025", "April 21, 2018", "2018-04-21", "© 2024 Frontline Ledger",
    "Reporting by Jane Doe; Editing by John Roe", "We use cookies to improve your experience.",
    "Home / News / Middle East", "Home | Syria | Iraq | About us"])
def test_chrome_lines_are_dropped(line):
    assert clean_text(f"{ARTICLE}\n\n{line}\n\nThe guns will be based in Latakia.").body == (
        f"{ARTICLE}\n\nThe guns will be based in Latakia.")


@pytest.mark.parametrize("line", [
    "Support for the rebels waned after the army received new howitzers in 2018.",
    "Photographs published by the ministry show six howitzers on trailers.",
    "By April 2018 the brigade had received all six howitzers.",
    "The deal was worth $50 million.",
    "Sharing intelligence with the brigade was part of the deal.",
    "Discussion", "Responses"])  # section headings of analysis reports, not comment sections
def test_body_lines_that_resemble_chrome_are_kept(line):
    assert line in clean_text(f"{ARTICLE}\n\n{line}").body


def test_repeated_headlines_and_short_lines_are_dropped_everywhere():
    text = ("Army gets howitzers\n\n" + ARTICLE + "\n\nArmy gets howitzers\n\nGallery view\n\n"
            "The guns will be based in Latakia.\n\nArmy gets howitzers\n\nGallery view")
    clean = clean_text(text)
    assert clean.title == "Army gets howitzers"
    assert clean.body == f"{ARTICLE}\n\nThe guns will be based in Latakia."


def test_repeated_sentence_keeps_its_first_occurrence():
    text = f"{ARTICLE}\n\nThe guns will be based in Latakia.\n\nThe guns will be based in Latakia."
    assert clean_text(text).body == f"{ARTICLE}\n\nThe guns will be based in Latakia."


def test_known_title_is_kept_and_its_copies_dropped():
    clean = clean_text(f"Army gets howitzers\n\n{ARTICLE}", title="Army gets howitzers",
                       title_from_text=False)
    assert (clean.title, clean.body) == ("Army gets howitzers", ARTICLE)


def test_lines_within_a_paragraph_stay_and_paragraphs_are_separated_by_blank_lines():
    text = "Headline here\n\n\n\nFirst line of a paragraph\ncontinues here.\r\n\r\nSecond paragraph.  \n"
    assert clean_text(text).body == "First line of a paragraph\ncontinues here.\n\nSecond paragraph."


# --- ids ------------------------------------------------------------------------------------

def test_same_text_with_different_whitespace_has_the_same_id(tmp_path):
    a = load_one(write(tmp_path, "a.txt", f"{ARTICLE}\n\nThe guns will be based in Latakia."))
    b = load_one(write(tmp_path, "b.txt", f"  {ARTICLE.replace(' ', '   ', 3)}\n\n\n"
                                          "The guns will be\nbased in Latakia.\n\n"))
    c = load_one(write(tmp_path, "c.txt", f"{ARTICLE}\n\nThe guns will be based in Tartus."))
    assert a.id == b.id != c.id
    assert load_one(tmp_path / "a.txt").id == a.id  # loading again gives the same document


# --- HTML ------------------------------------------------------------------------------------

def test_html_page_loads_body_and_metadata_without_comments_navigation_or_captions():
    doc = load_one(FIXTURES / "report_with_comments.html")
    assert doc.title == "Rebel group surrenders armour near Homs"
    assert (doc.published, doc.url, doc.publisher) == (
        "2019-06-14", "https://levant-monitor.example/2019/06/rebel-armour-homs", "Levant Monitor")
    assert doc.text.startswith("HOMS, 13 June 2019 — Fighters of the Liwa al-Haqq brigade")
    assert "taken from a government depot in Talbiseh in 2012" in doc.text
    assert doc.text.endswith("northern countryside of Homs.")
    for noise in ("Home", "About us", "By Staff Writer", "trailer outside Rastan", "Share this",
                  "comments", "Observer77", "BMP-2 captured", "Leave a Reply", "All rights reserved",
                  "Rebel group surrenders armour"):
        assert noise not in doc.text, noise
    assert doc.text.count("\n\n") == 2


def test_malformed_html_still_loads():
    doc = load_one(FIXTURES / "malformed.html")
    assert doc.title == "Patrol boats seized off Hodeidah"
    assert "seized two patrol boats loaded with rifles" in doc.text
    assert "handed to the authorities in Aden after questioning." in doc.text
    assert doc.published == "2021-03-03"


def test_html_declaring_its_charset_is_decoded_with_it(tmp_path):
    html = ("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 strike</title></head><body><article>"
            "<p>The air force struck a caf\xe9 used as a command post near the front line on Friday,"
            " the ministry said in a statement read on state television.</p></article></body></html>")
    doc = load_one(write(tmp_path, "page.htm", html.encode("latin-1")))
    assert "struck a café used as a command post" in doc.text
    mislabelled = write(tmp_path, "saved.html", html.replace("iso-8859-1", "windows-1252").encode("utf-8"))
    assert "struck a café used as a command post" in load_one(mislabelled).text  # valid UTF-8 wins


# --- feeds ----------------------------------------------------------------------------------

def test_rss_items_are_documents_with_title_link_date_and_extracted_content():
    helicopters, drones = load_path(FIXTURES / "feed.rss")  # the item without content is skipped
    assert helicopters.title == "Helicopters delivered to Mali"
    assert helicopters.url == "https://arms-watch.example/2021/mali-helicopters"
    assert (helicopters.published, helicopters.publisher) == ("2021-09-30", "Arms Watch Wire")
    assert helicopters.text == (  # content:encoded wins over the description; caption dropped
        "Russia delivered four Mi-171Sh helicopters to the Malian Armed Forces at Bamako airport on"
        " Thursday, the Malian defence ministry said.\n\nThe aircraft arrived in pieces aboard an"
        " An-124 cargo plane and were assembled on site.")
    assert drones.published == "2021-06-26"
    assert drones.text == ("The Popular Mobilization Forces displayed Iranian-made Mohajer-6 drones at"
                           " a parade near Baghdad on Saturday.")


def test_atom_entries_are_documents():
    harop, tanks = load_path(FIXTURES / "feed.atom")
    assert (harop.title, harop.url, harop.published, harop.publisher) == (
        "Loitering munitions over Karabakh", "https://caucasus-notes.example/harop", "2020-10-04",
        "Caucasus Defence Notes")
    assert harop.text.startswith("Azerbaijani forces used Israeli-made Harop loitering munitions")
    assert (tanks.url, tanks.published) == ("https://caucasus-notes.example/t72", "2020-10-06")
    assert tanks.text.startswith("Analysts counted more than forty destroyed T-72 tanks")


# --- datasets -------------------------------------------------------------------------------

def test_csv_rows_are_documents():
    frigate, howitzers = load_path(FIXTURES / "reports.csv")  # the row without text is skipped
    assert (frigate.title, frigate.published, frigate.url, frigate.publisher) == (
        "Frigate handed over", "2022-05-03", "https://naval.example/frigate", "Naval Digest")
    assert frigate.text == ("The Italian Navy handed the frigate Spartaco Schergat to the Egyptian Navy"
                            " at La Spezia on Tuesday.\n\nThe ship was renamed Al-Galala on arrival.")
    assert (howitzers.published, howitzers.url) == ("2023-03-14", None)


def test_csv_with_semicolons_and_a_long_body(tmp_path):
    body = "The Polish Land Forces received new K2 tanks in Gdansk, the ministry said. " * 3000
    path = write(tmp_path, "reports.csv", f"Title;Body\nTanks arrive;\"{body.strip()}\"\n")
    doc = load_one(path)
    assert doc.title == "Tanks arrive" and doc.text == body.strip()


def test_jsonl_records_are_documents_and_html_text_is_extracted():
    nasams, leopards = load_path(FIXTURES / "reports.jsonl")
    assert (nasams.title, nasams.published, nasams.url) == ("Air defence unit moved", "2022-11-20",
                                                            "https://sky.example/1")
    assert leopards.text == "Germany pledged fourteen Leopard 2A6 tanks to Ukraine on Wednesday."


def test_json_records_under_a_list_key_with_any_case_field_names():
    [doc] = load_path(FIXTURES / "reports.json")
    assert (doc.title, doc.published) == ("Missiles seized at sea", "2018-02")
    assert doc.text.startswith("The US Navy seized a dhow")


# --- errors ---------------------------------------------------------------------------------

def assert_load_error(path: Path, *words: str, **options) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_path(path, **options)
    error = caught.value
    assert error.path == path
    assert str(error) == f"{path}: {error.reason}"
    assert "\n" not in str(error)
    for word in words:
        assert word in error.reason, (word, error.reason)
    return error


def test_missing_path(tmp_path):
    assert_load_error(tmp_path / "nowhere.txt", "no such file")
    with pytest.raises(LoadError, match="no such file"):
        list(iter_files([tmp_path / "nowhere"]))


def test_empty_files(tmp_path):
    assert_load_error(write(tmp_path, "empty.txt", ""), "empty")
    assert_load_error(write(tmp_path, "blank.txt", " \n\n \t\n"), "empty")
    assert_load_error(write(tmp_path, "chrome.txt", "Support Us\n\n2,500 $\n\nShare this:\n\nTweet"),
                      "no article text")


def test_binary_files(tmp_path):
    assert_load_error(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary")
    assert_load_error(write(tmp_path, "noise.txt", bytes(range(1, 32)) * 40), "binary", "non-text")
    assert_load_error(write(tmp_path, "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "PDF", "pdftotext")


def test_latin1_file_is_refused_with_a_conversion_hint(tmp_path):
    path = write(tmp_path, "report.txt", "Le 3 mai, l'arm\xe9e a re\xe7u douze chars.".encode("latin-1"))
    assert_load_error(path, "not valid UTF-8", "0xe9", "iconv -f latin1 -t utf-8")


def test_utf16_file_is_refused_with_a_conversion_hint(tmp_path):
    path = write(tmp_path, "report.txt", "The army received twelve tanks.".encode("utf-16"))
    assert_load_error(path, "UTF-16", "iconv -f utf-16 -t utf-8")


def test_file_over_the_size_limit(tmp_path):
    path = write(tmp_path, "long.txt", ARTICLE * 20)
    assert_load_error(path, "over the 1,000 bytes limit", max_bytes=1000)
    assert load_path(path, max_bytes=10_000)


def test_feed_that_is_not_xml():
    assert_load_error(FIXTURES / "not_a_feed.xml", "not well-formed XML", "RSS or Atom")


def test_xml_that_is_not_a_feed(tmp_path):
    assert_load_error(write(tmp_path, "data.xml", "<inventory><tank>T-72</tank></inventory>"),
                      "not an RSS or Atom feed", "<inventory>")
    assert_load_error(write(tmp_path, "empty.rss", "<rss><channel><title>X</title></channel></rss>"),
                      "no items with text")


def test_dataset_without_a_text_column():
    assert_load_error(FIXTURES / "no_text_column.csv", "no text field", "text, body, content",
                      "found: date, title, url")


def test_malformed_json_lines(tmp_path):
    assert_load_error(write(tmp_path, "bad.jsonl", '{"text": "ok"}\n{"text": \n'), "line 2", "not valid JSON")
    assert_load_error(write(tmp_path, "bad.json", "[1, 2"), "not valid JSON")


def test_unsupported_type_and_directory(tmp_path):
    assert_load_error(write(tmp_path, "slides.pptx", "text"), "unsupported file type '.pptx'", ".txt")
    assert_load_error(tmp_path, "is a directory")


# --- iter_files -----------------------------------------------------------------------------

def test_iter_files_expands_folders_recursively_sorted_and_skips_hidden_and_unloadable(tmp_path):
    for name in ("b.txt", "a.html", "sub/c.rss", "sub/deep/d.csv", "notes", ".hidden.txt",
                 ".git/config.txt", "picture.png", "README.md", "sub/LICENSE"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path, name, "x")
    named = [tmp_path, tmp_path / "picture.png", tmp_path / "b.txt", tmp_path / "README.md"]
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files(named)]
    assert found == ["a.html", "b.txt", "notes", "sub/c.rss", "sub/deep/d.csv", "picture.png", "README.md"]


# --- real third-party text (../shared/eval/dev) --------------------------------------------------

@needs_dev
def test_dev_report_with_comments_donations_and_captions_keeps_only_the_article():
    doc = load_one(DEV / "seed-eastern-qalamun.txt")
    assert doc.title.startswith("Militants In Eastern Qalamun Hands Over 37 Battle Tanks")
    assert "37 T-55, T-62 and T-72 battle tanks" in doc.text
    assert "The Maysalun rocket is a copy of the Iranian Zelzal-2 rocket." in doc.text
    assert "cooperated with the Syrian Intelligence against ISIS" in doc.text
    assert doc.text.startswith("On April 20, members of Jaysh al-Islam")
    assert doc.published is None  # "MARCH 2025" is the page's date, not the article's
    for noise in ("Notify of", "Newest Most Voted", "View all comments", "Click to see the full-size image",
                  "Support SouthFront", "2,500 $", "MARCH 2025", "Militants In Eastern Qalamun",
                  "Richard M", "Nigel Maund", "Roger Snellman", "caps lock", "pocket knife",
                  "Would love your thoughts"):
        assert noise not in doc.text, noise


@needs_dev
def test_dev_reports_lose_no_body_line_but_their_headline():
    for path in sorted(DEV.glob("*.txt")):
        if path.name == "seed-eastern-qalamun.txt":
            continue
        doc = load_one(path)
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert doc.title == lines[0], path.name
        kept = set(doc.text.split("\n"))
        assert [line for line in lines[1:] if line not in kept] == [], path.name


# --- examples/ ------------------------------------------------------------------------------

def test_examples_load_with_title_date_and_paragraphs():
    files = list(iter_files([EXAMPLES]))
    assert len([f for f in files if f.suffix == ".txt"]) >= 3
    for path in files:
        [doc] = load_path(path)
        assert doc.title and doc.published, path.name
        assert doc.text.count("\n\n") >= 3, path.name


def test_a_publisher_line_names_the_outlet_and_leaves_the_text(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("Rebels hand over armour\nPublisher: Ruritanian Arms Watch\n\n"
                      "The Red Hand gave the army six tanks on Monday, the watch said.\n",
                      encoding="utf-8")
    [doc] = load_path(report)
    assert doc.publisher == "Ruritanian Arms Watch" and "Publisher" not in doc.text


def test_publisher_given_by_the_analyst_fills_in_only_where_the_file_names_none(tmp_path):
    bare, named = tmp_path / "bare.txt", tmp_path / "named.txt"
    bare.write_text("The Red Hand gave the army six tanks on Monday, the watch said.\n",
                    encoding="utf-8")
    named.write_text("Publisher: Vexan Daily\n\nThe Red Hand fired two rockets at Orn on Tuesday.\n",
                     encoding="utf-8")
    assert load_path(bare, publisher="Orn Gazette")[0].publisher == "Orn Gazette"
    assert load_path(named, publisher="Orn Gazette")[0].publisher == "Vexan Daily"


def test_source_grades_are_read_and_a_bad_file_is_one_clear_error(tmp_path):
    from kg.grading import GradingError, load_reliability, reliability_of

    grades = tmp_path / "grades.csv"
    grades.write_text("publisher,reliability\nOrn  Gazette,b\n", encoding="utf-8")
    table = load_reliability(grades)
    assert reliability_of("orn gazette", table) == "B"
    assert reliability_of("Vexan Daily", table) == reliability_of(None, table) == "F"
    grades.write_text("publisher,reliability\nOrn Gazette,G\n", encoding="utf-8")
    with pytest.raises(GradingError, match=r"grades.csv:2: .*A-F") as caught:
        load_reliability(grades)
    assert "\n" not in str(caught.value)
