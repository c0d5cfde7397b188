"""Tiny problem builders shared by the roster engine tests (no tests here)."""
from solver.roster import CpSatParams, Demand, Employee, Problem, Result, Rules, Shift, SolveParams, solve

FAST = SolveParams(time_limit=5, seed=0, cp_sat=CpSatParams(workers=1))


def shift(sid: str, day: int, start_h: float, end_h: float, **kw) -> Shift:
    """A shift on `day` from start_h to end_h (hours of that day, may pass 24)."""
    return Shift(sid, day, int(day * 1440 + start_h * 60), int(day * 1440 + end_h * 60), **kw)


def daily(days: int, start_h: float = 8, end_h: float = 16, **kw) -> tuple[Shift, ...]:
    """One shift `s<d>` per day."""
    return tuple(shift(f"s{d}", d, start_h, end_h, **kw) for d in range(days))


def wanted(shifts, under: int = 100, requirement: int = 1, **kw) -> tuple[Demand, ...]:
    """One demand per shift, id = shift id."""
    return tuple(Demand(s.id, (s.id,), requirement, under, **kw) for s in shifts)


def one(rules: Rules = Rules(), **kw) -> tuple[Employee, ...]:
    """A single employee `A`."""
    return (Employee("A", rules, **kw),)


def run(shifts, employees, demands=None, params: SolveParams = FAST, **kw) -> Result:
    """Solve a tiny problem (all shifts wanted by default) and check it is solved."""
    p = Problem(kw.pop("days", max(s.day for s in shifts) + 1), tuple(shifts), tuple(employees),
                wanted(shifts) if demands is None else tuple(demands), **kw)
    result = solve(p, params)
    assert result.status == "OPTIMAL", result.summary()
    return result


def taken(result: Result, employee: str = "A") -> list[str]:
    """Shift ids of `employee` in the result."""
    return [s for e, s in result.assignments if e == employee]
