"""Two real processes writing one database at once (the shared office PC / terminal server).

Each process adds pupils and edits one shared pupil's notes through the services, reloading
and retrying when its save is refused as stale. Nothing may be lost and no "database is
locked" may reach the person.
"""

import subprocess
import sys
import textwrap
import time

from sencodesk.services import pupils
from sencodesk.services.actor import open_school

ADDS, EDITS = 150, 100

WORKER = textwrap.dedent("""
    import sys
    from sencodesk.domain.errors import Conflict, UserError
    from sencodesk.domain.upn import check_letter
    from sencodesk.services import pupils
    from sencodesk.services.actor import open_school

    import os, time
    data_dir, tag = sys.argv[1], sys.argv[2]
    shared_id, adds, edits = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    s = open_school(data_dir)
    while not os.path.exists(os.path.join(data_dir, "go")):  # both start together
        time.sleep(0.005)
    started = time.time()
    conflicts = 0
    try:
        for i in range(max(adds, edits)):
            if i < adds:
                body = "938" + "2002" + ("18" if tag == "a" else "19") + f"{i:03d}"
                pupils.add_pupil(s, {"upn": check_letter(body) + body, "legal_surname": "Pupil" + tag.upper(),
                                     "legal_forename": "Test", "notes": f"{tag}{i}", "dob": "03/04/2018",
                                     "gender": "F", "year_group": "3", "sen_status": "N"})
            if i < edits:
                while True:  # what a person does after "reload to see their changes"
                    p = pupils.get_pupil(s, shared_id)
                    form = pupils.pupil_form(p) | {"notes": (p.notes + f" {tag}{i}").strip()}
                    try:
                        pupils.update_pupil(s, shared_id, p.version, form)
                        break
                    except Conflict:
                        conflicts += 1
    except UserError as e:
        print("PERSON SAW:", e.message)
        sys.exit(1)
    finally:
        s.close()
    print(started, time.time(), conflicts)
""")


def test_two_processes_interleave_without_losing_anything(actor, add_pupil):
    shared = add_pupil(legal_surname="Shared")
    actor.close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(actor.data_dir), tag, str(shared), str(ADDS), str(EDITS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    time.sleep(0.5)  # both processes opened and waiting
    (actor.data_dir / "go").touch()
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, out + err
        assert "locked" not in out + err
    (start_a, end_a, _), (start_b, end_b, _) = [map(float, out.split()) for out, _ in outputs]
    assert start_a < end_b and start_b < end_a, "the two writers did not run at the same time"

    s = open_school(actor.data_dir)
    try:
        rows = s.db.execute("SELECT notes FROM pupils WHERE legal_surname LIKE 'Pupil_'").fetchall()
        assert sorted(r[0] for r in rows) == sorted(f"{t}{i}" for t in "ab" for i in range(ADDS))
        assert len(pupils.list_register(s)) == 2 * ADDS + 1
        p = pupils.get_pupil(s, shared)
        tokens = p.notes.split()
        assert sorted(tokens) == sorted(f"{t}{i}" for t in "ab" for i in range(EDITS))  # none lost
        assert p.version == 1 + 2 * EDITS
        audited = s.db.execute(
            "SELECT COUNT(*) FROM audit WHERE action = 'update' AND pupil_id = ?", [shared]
        ).fetchone()[0]
        assert audited == 2 * EDITS
        # each process's own edits stay in its order
        assert [t for t in tokens if t.startswith("a")] == [f"a{i}" for i in range(EDITS)]
        assert [t for t in tokens if t.startswith("b")] == [f"b{i}" for i in range(EDITS)]
    finally:
        s.close()
