

def test_the_index_finds_the_tags_where_the_brief_keeps_them() -> None:
    """The index searches tags in SQL at BRIEF_TAGS_AT: a new field in the brief must keep it right."""
    import json

    from netcoach.model.contact import Contact
    from netcoach.model.view import BRIEF_TAGS_AT, brief

    contact = Contact(name="Ana Lima", company="Lumen", tags=["data", "pydata"], common_ground=["running"])
    assert json.loads(brief(contact))[BRIEF_TAGS_AT] == ["data", "pydata"]
