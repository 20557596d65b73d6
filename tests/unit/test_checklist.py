"""The checklist and worries files: bundled defaults, the user's changes, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.coach.checklist import (
    CHECKLIST_FILE,
    HINT_IDS,
    WORRIES_FILE,
    bundled_checklist,
    bundled_worries,
    check_files,
    load_checklist,
    load_worries,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def ids(items) -> list[str]:
    return [item.id for item in items]


# -- the bundled files --------------------------------------------------------------------


def test_bundled_checklist_has_the_issue_items_with_known_hints() -> None:
    items = bundled_checklist()
    assert len(items) >= 6
    assert len(set(ids(items))) == len(items)
    assert {"where_we_met", "common_ground", "small_ask", "offered_back", "short", "fine_without_reply"} <= set(
        ids(items)
    )
    for item in items:
        assert item.text.strip() and item.why.strip(), item.id
        assert set(item.judged_by) <= HINT_IDS
        assert "None" not in item.text + item.why
    judged = {item.id: set(item.judged_by) for item in items}
    assert judged["where_we_met"] == {"no_shared_context"}
    assert judged["small_ask"] == {"no_ask", "job_ask"}
    assert judged["offered_back"] == {"nothing_offered"}
    assert judged["short"] == {"too_long"}
    assert judged["fine_without_reply"] == set()


def test_bundled_worries_cover_the_issue_list() -> None:
    worries = bundled_worries()
    assert {w.id for w in worries.items} == {
        "only_want_job",
        "too_soon",
        "too_long",
        "wont_remember",
        "look_desperate",
        "theyll_say_no",
        "dont_know_what_to_ask",
        "know_nobody_there",  # before an event (issue 15)
        "nothing_to_say",
    }
    for worry in worries.items:
        assert worry.worry and worry.reframe and worry.next_step and worry.keywords, worry.id
        assert "{" not in worry.reframe + worry.next_step
        assert "  " not in worry.reframe, "line continuations left a double space"
    assert worries.general.reframe and worries.general.next_step


def test_no_user_files_means_the_bundled_lists_and_no_problems(data: Path) -> None:
    items, problems = load_checklist(data)
    assert ids(items) == ids(bundled_checklist()) and problems == []
    worries, problems = load_worries(data)
    assert worries == bundled_worries() and problems == []
    assert check_files(data) == (0, [])


# -- the user's checklist -----------------------------------------------------------------


def test_user_items_replace_by_id_in_place_and_new_ones_go_last(data: Path) -> None:
    (data / CHECKLIST_FILE).write_text(
        """
[[items]]
id = "short"
text = "Five sentences or fewer."
judged_by = ["too_long"]

[[items]]
id = "read_aloud"
text = "I read it aloud once."
""",
        encoding="utf-8",
    )
    items, problems = load_checklist(data)
    assert problems == []
    bundled = ids(bundled_checklist())
    assert ids(items) == [*bundled, "read_aloud"]
    short = items[bundled.index("short")]
    assert short.text == "Five sentences or fewer." and short.why == ""
    assert items[-1].judged_by == []


def test_user_can_remove_items_or_replace_the_whole_list(data: Path) -> None:
    (data / CHECKLIST_FILE).write_text('remove = ["fine_without_reply", "common_ground"]\n', encoding="utf-8")
    items, problems = load_checklist(data)
    assert problems == []
    assert ids(items) == [i for i in ids(bundled_checklist()) if i not in ("fine_without_reply", "common_ground")]

    (data / CHECKLIST_FILE).write_text(
        'replace_all = true\n\n[[items]]\nid = "breathe"\ntext = "I took one slow breath."\n', encoding="utf-8"
    )
    items, problems = load_checklist(data)
    assert problems == [] and ids(items) == ["breathe"]


def test_user_text_is_cleaned_of_escape_sequences(data: Path) -> None:
    (data / CHECKLIST_FILE).write_text(
        '[[items]]\nid = "mine"\ntext = "I \\u001b[31msmiled\\u001b[0m."\n', encoding="utf-8"
    )
    items, problems = load_checklist(data)
    assert problems == [] and items[-1].text == "I smiled."


BROKEN_CHECKLISTS = [
    ('[[items]\nid = "x"\n', 1, "invalid TOML"),
    ('[[items]]\nid = "x"\ntext = "Fine."\ncolour = "red"\n', 4, "unknown key"),
    ('[[items]]\nid = "x"\ntext = "Fine."\njudged_by = ["too_loong"]\n', 4, "unknown hint 'too_loong'"),
    ('[[items]]\nid = "x"\ntext = ""\n', 3, "must not be empty"),
    ('[[items]]\nid = "Not An Id"\ntext = "Fine."\n', 2, "an id is"),
    ('[[items]]\nid = "x"\n', 1, "required, but missing"),
    ('[[items]]\nid = "x"\ntext = "One."\n\n[[items]]\nid = "x"\ntext = "Two."\n', 6, "'x' appears twice"),
    ('remove = ["where_we_met", "shrot"]\n', 1, "no bundled entry 'shrot'"),
    ("replace_all = 1\n", 1, "replace_all"),
]


@pytest.mark.parametrize(("text", "line", "words"), BROKEN_CHECKLISTS)
def test_a_broken_checklist_is_reported_at_its_line_and_the_bundled_list_used(
    data: Path, text: str, line: int, words: str
) -> None:
    path = data / CHECKLIST_FILE
    path.write_text(text, encoding="utf-8")
    items, problems = load_checklist(data)
    assert ids(items) == ids(bundled_checklist())
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == path and problem.line == line, str(problem)
    assert words in problem.message
    assert str(problem).startswith(f"{path}:{line}:")
    assert path.read_text(encoding="utf-8") == text, "a broken file is never rewritten"
    assert check_files(data) == (1, problems)


def test_a_checklist_that_is_not_utf8_is_reported(data: Path) -> None:
    (data / CHECKLIST_FILE).write_bytes(b'[[items]]\nid = "x"\ntext = "caf\xe9"\n')
    items, problems = load_checklist(data)
    assert ids(items) == ids(bundled_checklist())
    assert [p.message for p in problems] == ["not UTF-8 text"]


# -- the user's worries -------------------------------------------------------------------


def test_user_worries_add_replace_and_change_the_general_answer(data: Path) -> None:
    (data / WORRIES_FILE).write_text(
        """
remove = ["look_desperate"]

[general]
reframe = "You have done harder things than this."
next_step = "Send it before lunch."

[[worries]]
id = "too_soon"
worry = "It's too soon."
reframe = "A day later is exactly right."
next_step = "Send the thank-you now."
keywords = ["soon"]

[[worries]]
id = "bad_english"
worry = "My English isn't good enough."
reframe = "Clear beats fancy. Short sentences are a gift to busy readers."
next_step = "Use short sentences and read it once aloud."
keywords = ["english", "grammar", "accent"]
""",
        encoding="utf-8",
    )
    worries, problems = load_worries(data)
    assert problems == []
    bundled = [w.id for w in bundled_worries().items]
    assert [w.id for w in worries.items] == [*[i for i in bundled if i != "look_desperate"], "bad_english"]
    assert next(w for w in worries.items if w.id == "too_soon").reframe == "A day later is exactly right."
    assert worries.general.next_step == "Send it before lunch."


def test_user_worries_without_general_keep_the_bundled_general(data: Path) -> None:
    (data / WORRIES_FILE).write_text(
        'replace_all = true\n\n[[worries]]\nid = "mine"\nworry = "W."\nreframe = "R."\nnext_step = "N."\n',
        encoding="utf-8",
    )
    worries, problems = load_worries(data)
    assert problems == [] and [w.id for w in worries.items] == ["mine"]
    assert worries.general == bundled_worries().general


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[worries]]\nid = "x"\nworry = "W."\nreframe = "R."\n', 1, "worries.0.next_step: required"),
        ('[general]\nreframe = "R."\nnext_step = "N."\nmood = "calm"\n', 4, "general.mood: unknown key"),
        ('remove = ["too_late"]\n', 1, "no bundled entry 'too_late'"),
        ('[[worries]]\nid = "x"\nworry = "W."\nreframe = "R."\nnext_step = "N."\nkeywords = "job"\n', 6, "keywords"),
    ],
)
def test_broken_worries_are_reported_and_the_bundled_ones_used(data: Path, text: str, line: int, words: str) -> None:
    path = data / WORRIES_FILE
    path.write_text(text, encoding="utf-8")
    worries, problems = load_worries(data)
    assert worries == bundled_worries()
    assert len(problems) == 1 and problems[0].line == line, problems
    assert words in problems[0].message


def test_check_files_counts_both_files_and_reports_each(data: Path) -> None:
    (data / CHECKLIST_FILE).write_text("oops =\n", encoding="utf-8")
    (data / WORRIES_FILE).write_text("[general]\n", encoding="utf-8")
    checked, problems = check_files(data)
    assert checked == 2
    assert sorted(p.path.name for p in problems) == [CHECKLIST_FILE, WORRIES_FILE]


def test_the_prep_before_an_event_is_bundled_and_changed_by_id(data: Path) -> None:
    from netcoach.coach.checklist import load_prep

    items, problems = load_prep(data)
    assert [i.id for i in items] == ["goal", "question", "about_me", "leave"] and problems == []
    (data / "checklist.toml").write_text(
        '[[prep]]\nid = "question"\ntext = "Ask: what are you working on?"\n\n'
        '[[prep]]\nid = "snack"\ntext = "Eat something first."\n'
    )
    items, problems = load_prep(data)
    assert [(i.id, i.text) for i in items][1:] == [
        ("question", "Ask: what are you working on?"),
        ("about_me", "A line about yourself: what you do, in one sentence."),
        ("leave", "When you will leave: decide now; leaving early is fine."),
        ("snack", "Eat something first."),
    ]
    (data / "checklist.toml").write_text('[[prep]]\nid = "x"\ntxt = "typo"\n')
    items, problems = load_prep(data)
    assert items[0].id == "goal" and problems[0].message.startswith("prep.0.text: required")
