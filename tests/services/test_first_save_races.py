"""Two people saving a pupil's first one-page profile (or first EHCNA request text) at the same
moment, on two real connections: one save wins, the other is told who saved and when, as any
stale save is. Never a raw IntegrityError from the one-row-per-pupil rule."""

from __future__ import annotations

import threading

import pytest

from sencodesk.domain.errors import Conflict
from sencodesk.services import passports, referrals
from sencodesk.services.actor import open_school
from tests.services.graduated_support import TODAY

ROUNDS = 300


def _profile(who: str) -> dict:
    return {"like_and_admire": f"Kind to everyone, says {who}", "important_to_me": "", "how_to_support": []}


def _draft(who: str) -> dict:
    return {"request_kind": "new", "completed_by": who, "now_needed": f"Written by {who}"}


SAVES = {
    "profile": (lambda a, pid, form: passports.save_passport(a, pid, 0, form), _profile),
    "draft": (lambda a, pid, form: referrals.save_ehcna_draft(a, pid, 0, form, today=TODAY), _draft),
}


@pytest.mark.parametrize("kind", SAVES)
def test_two_first_saves_that_meet_are_one_save_and_one_refusal_naming_who_saved(
    kind, actor, add_pupil, make_user
):
    save, form_of = SAVES[kind]
    people = [make_user("senco", "Ms R Khan"), make_user("senco", "Mr T Jones")]
    pupil_ids = [add_pupil(sen_status="K", primary_need="SPLD") for _ in range(ROUNDS)]
    barrier = threading.Barrier(2, timeout=60)
    outcomes: list[list[tuple[str, str]]] = [[], []]  # per person and round: saved, refused or the error

    def person(index: int) -> None:
        me = people[index]
        s = open_school(actor.data_dir, user=me)  # a connection of this person's own
        try:
            for pupil_id in pupil_ids:
                barrier.wait()
                try:
                    save(s, pupil_id, form_of(me.display_name))
                    outcomes[index].append(("saved", ""))
                except Conflict as e:
                    outcomes[index].append(("refused", e.message))
                except Exception as e:  # noqa: BLE001  any other failure is this round's outcome, shown below
                    outcomes[index].append((type(e).__name__, str(e)))
        finally:
            s.close()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)

    raw_errors = sum(result == "IntegrityError" for o in outcomes for result, _ in o)
    assert raw_errors == 0, f"{raw_errors} IntegrityErrors in {ROUNDS} rounds"
    for pupil_id, (a, b) in zip(pupil_ids, zip(*outcomes, strict=True), strict=True):
        assert sorted([a[0], b[0]]) == ["refused", "saved"], (pupil_id, a, b)
        winner = people[0] if a[0] == "saved" else people[1]
        refusal = a[1] or b[1]
        assert refusal.startswith(f"{winner.display_name} changed this "), refusal
        assert "Nothing was saved" in refusal
