"""Finding a pupil by UPN in the store: a blank never matches (most former UPNs are blank)."""

from sencodesk.store import pupils as store


def test_a_blank_upn_matches_nobody_though_former_upns_are_blank(actor, add_pupil):
    add_pupil(legal_forename="Amy")
    assert actor.db.execute("SELECT count(*) FROM pupils WHERE former_upn = ''").fetchone()[0] == 1
    assert store.id_for_upn(actor.db, "") is None
    assert store.id_for_upn(actor.db, "  ") is None


def test_the_current_upn_wins_over_a_former_one(actor, add_pupil):
    holder = add_pupil(legal_forename="Amy", upn="H801200001001")
    add_pupil(legal_forename="Ben", former_upn="H801200001001")
    assert store.id_for_upn(actor.db, "H801200001001") == holder
