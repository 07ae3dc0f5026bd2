"""Two people saving a pupil's first one-page profile (or first EHCNA request text, or a year's
first inclusion strategy) at the same moment, on two real connections: one save wins, the other
is told who saved and when, as any stale save is. Never a raw IntegrityError from the one-row
rule (one per pupil, one per year)."""

from __future__ import annotations

import threading

import pytest

from sencodesk.domain.errors import Conflict, UserError
from sencodesk.services import inclusion_strategy, passports, referrals
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


def _race(actor, people, targets, save) -> None:
    """Both people save each target at the same moment; one save and one refusal naming the
    winner each time."""
    barrier = threading.Barrier(2, timeout=60)
    outcomes: list[list[tuple[str, str]]] = [[], []]  # per person and round: saved, refused or the error

    def person(index: int) -> None:
        me = people[index]
        s = open_school(actor.data_dir, user=me)  # a connection of this person's own
        try:
            for target in targets:
                barrier.wait()
                try:
                    save(s, target, me.display_name)
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
    assert raw_errors == 0, f"{raw_errors} IntegrityErrors in {len(targets)} rounds"
    for target, (a, b) in zip(targets, zip(*outcomes, strict=True), strict=True):
        assert sorted([a[0], b[0]]) == ["refused", "saved"], (target, a, b)
        winner = people[0] if a[0] == "saved" else people[1]
        refusal = a[1] or b[1]
        assert refusal.startswith(f"{winner.display_name} changed this "), refusal
        assert "Nothing was saved" in refusal


@pytest.mark.parametrize("kind", SAVES)
def test_two_first_saves_that_meet_are_one_save_and_one_refusal_naming_who_saved(
    kind, actor, add_pupil, make_user
):
    save, form_of = SAVES[kind]
    people = [make_user("senco", "Ms R Khan"), make_user("senco", "Mr T Jones")]
    pupil_ids = [add_pupil(sen_status="K", primary_need="SPLD") for _ in range(ROUNDS)]
    _race(actor, people, pupil_ids, lambda s, pupil_id, who: save(s, pupil_id, form_of(who)))


def test_two_first_saves_of_a_years_strategy_are_one_save_and_one_refusal(actor, make_user):
    people = [make_user("senco", "Ms R Khan"), make_user("senco", "Mr T Jones")]
    years = [f"{y}/{(y + 1) % 100:02d}" for y in range(2000, 2100)]  # every year the strategy takes

    def save(s, year: str, who: str) -> None:
        inclusion_strategy.save_strategy(s, year, 0, {"words": {"about": f"Written by {who}"}})

    _race(actor, people, years, save)


def test_carrying_a_year_forward_while_someone_starts_it_is_never_a_raw_error(actor, make_user):
    people = [make_user("senco", "Ms R Khan"), make_user("senco", "Mr T Jones")]
    inclusion_strategy.save_strategy(actor, "2000/01", 0, {"words": {"about": "The first year."}})
    years = [f"{y}/{(y + 1) % 100:02d}" for y in range(2001, 2100)]
    outcomes: list[list[str]] = [[], []]
    barrier = threading.Barrier(2, timeout=60)

    def person(index: int) -> None:
        s = open_school(actor.data_dir, user=people[index])
        try:
            for year in years:
                barrier.wait()
                try:
                    if index == 0:
                        inclusion_strategy.carry_forward(s, year)
                    else:
                        inclusion_strategy.save_strategy(s, year, 0, {"words": {"about": f"New for {year}."}})
                    outcomes[index].append("saved")
                except UserError:  # 'already has its own words', or the stale save's Conflict
                    outcomes[index].append("refused")
                except Exception as e:  # noqa: BLE001  any other failure is this round's outcome, shown below
                    outcomes[index].append(type(e).__name__)
        finally:
            s.close()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    for year, a, b in zip(years, *outcomes, strict=True):
        assert sorted([a, b]) == ["refused", "saved"], (year, a, b)
