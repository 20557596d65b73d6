

def test_the_index_finds_the_tags_where_the_brief_keeps_them() -> None:
    """The index searches tags in SQL at BRIEF_TAGS_AT: a new field in the brief must keep it right."""
    import json

    from netcoach.model.contact import Contact
    from netcoach.model.view import BRIEF_TAGS_AT, brief

    contact = Contact(name="Ana Lima", company="Lumen", tags=["data", "pydata"], common_ground=["running"])
    assert json.loads(brief(contact))[BRIEF_TAGS_AT] == ["data", "pydata"]


def test_views_keep_one_copy_of_a_company_role_place_or_tag() -> None:
    """30,000 imported connections share a few thousand companies: each text is held once, and reads the same."""
    import json

    from netcoach.model.contact import Contact
    from netcoach.model.view import ContactView, brief

    def person(name: str) -> Contact:
        return Contact(name=name, company="Lumen Health", role="Data analyst", met_at="PyData meetup", tags=["data"])

    # Texts built at run time (json.loads makes new strings), so equal is not already identical.
    first, second = (ContactView.from_brief(json.dumps(json.loads(brief(person(n))))) for n in ("Ana Lima", "Bo Chen"))
    for field in ("company", "role", "met_at"):
        assert getattr(first, field) == getattr(person("x"), field)
        assert getattr(first, field) is getattr(second, field)
    assert first.tags == ["data"]
    assert first.tags[0] is second.tags[0]
    assert first.name != second.name
