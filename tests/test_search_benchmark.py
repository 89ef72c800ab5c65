"""The search benchmark runs (in its quick mode), so it cannot rot unnoticed."""

from __future__ import annotations

from benchmarks import search


def test_the_quick_search_benchmark_measures_every_query() -> None:
    results = search.measure(1, quick=True)
    assert [r.key for r in results] == [f"search.{i}" for i in range(len(search.QUERIES))]
    assert all(r.budget == "< 50 ms" and r.value >= 0 for r in results)
