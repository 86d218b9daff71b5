"""Smart guide: build time, query latency and memory over a synthetic 2,000-item catalogue.

The catalogue is the hall's real one (41 items, 3 bundles) repeated with varied names, aliases and
keywords until it holds 2,000 items and 60 bundles (a county-level hall lists 1,500-2,500 items), built
as ``Catalog`` objects directly. Queries are what citizens type at the kiosk: colloquial sentences,
pinyin initials, full pinyin, one or two characters, and a few that match nothing.

Figures: jieba's one-off dictionary load, index build, p50/p95 query latency (goal p95 <= 10 ms) and the
memory the index holds (traced allocations retained after the build, jieba's dictionary not included).

The worst single query is usually a full (generation 2) garbage collection that happens to run during
it: pypinyin's phrase dictionary alone is ~190,000 lists the collector walks each time (50-60 ms). The
last figure repeats the queries after ``gc.freeze()`` (what a composition root can do once start-up is
done), which takes every start-up object out of those collections.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.catalog import Bundle, Catalog, ServiceItem, default_catalog_dir, load_catalog
from core.guide import GuideIndex, load_vocabulary
from core.guide.text import segmenter

VARIANTS = ("个人", "企业", "分支机构", "跨区通办", "延伸办理", "社区代办", "线上预审", "老年人专窗",
            "园区", "街道", "乡镇", "特殊群体", "外籍人员", "港澳台居民", "告知承诺", "简易程序",
            "加急", "预约", "邮寄送达", "容缺受理", "帮办代办", "异地代收", "网上办理", "掌上办理")
PLACES = ("五一", "东岸", "定王台", "文艺路", "朝阳", "火星", "马王堆", "湘湖", "韭菜园", "东屯渡")

QUERIES = (
    "我想开个餐馆", "孩子出生了要办什么", "退休了领养老金", "ggcs", "jzz", "gonggong", "生孩子", "办居住证",
    "残疾人补贴", "社保卡丢了", "开理发店", "营业执照丢了", "身份证过期了怎么办", "失业了", "我要交医保",
    "外地看病怎么报销", "开奶茶店需要什么证", "结婚登记", "无犯罪证明", "申请低保", "公租房", "80岁老人补贴",
    "开诊所", "施工许可证", "预售证", "物业合同备案", "残", "证", "医保", "sbk", "juzhuzheng", "wsxkz",
    "宝宝上户口", "自己交社保", "慢性病报销", "排水许可", "做招牌", "个体户注销", "食品经营许可延续",
    "卫生许可证到期了", "请问在哪里办理", "😀😀", "asdfgh", "我想问一下这个东西怎么弄比较好呢谢谢你啊",
)


def synthetic_catalog(seed: Catalog, size: int, bundles: int) -> Catalog:
    items: list[ServiceItem] = []
    for number in range(size):
        base = seed.items[number % len(seed.items)]
        variant = VARIANTS[(number // len(seed.items)) % len(VARIANTS)]
        place = PLACES[number % len(PLACES)]
        code = f"43{number:05d}{base.implementation_code[6:]}"[:24]
        items.append(base.model_copy(update={
            "implementation_code": code,
            "name": f"{base.name}（{variant}）",
            "aliases": (*base.aliases, f"{place}{base.display_name}"),
            "keywords": (*base.keywords, variant, place),
            "hot": base.hot if number < len(seed.items) else None,
        }))
    made = list(seed.bundles)
    for number in range(bundles - len(made)):
        base = seed.bundles[number % len(seed.bundles)]
        members = tuple(items[(number * 7 + k * 13) % size].implementation_code for k in range(3))
        made.append(Bundle(code=f"4301YJS{number:05d}", name=f"{PLACES[number % len(PLACES)]}{base.name}",
                           items=members, life_event=base.life_event, guide=base.guide, keywords=base.keywords,
                           aliases=base.aliases))
    return Catalog(items=tuple(items), bundles=tuple(made), departments=seed.departments,
                   calendar=seed.calendar, life_event_order=seed.life_event_order)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--bundles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    started = time.perf_counter()
    segmenter()
    jieba_s = time.perf_counter() - started

    catalog = synthetic_catalog(load_catalog(default_catalog_dir()), args.items, args.bundles)
    vocabulary = load_vocabulary()
    started = time.perf_counter()
    index = GuideIndex.build(catalog, vocabulary)
    build_s = time.perf_counter() - started

    latencies = _latencies(index, args.rounds)
    slowest = max(QUERIES, key=lambda q: min(_time(index, q) for _ in range(3)))
    gc.collect()
    gc.freeze()
    frozen = _latencies(index, args.rounds)
    gc.unfreeze()

    del index
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = GuideIndex.build(catalog, vocabulary)
    gc.collect()
    held_mb = (tracemalloc.get_traced_memory()[0] - before) / 1e6
    tracemalloc.stop()

    print(f"guide.catalogue               {len(catalog.items)} items, {len(catalog.bundles)} bundles, "
          f"{len(QUERIES)} queries x {args.rounds}")
    print(f"guide.jieba_load_s            {jieba_s:.2f}  (once per process, on first use)")
    print(f"guide.build_s                 {build_s:.2f}  (goal <= 5, at start-up)")
    print(f"guide.query_p50_ms            {statistics.median(latencies):.2f}")
    print(f"guide.query_p95_ms            {percentile(latencies, 0.95):.2f}  (goal <= 10)")
    print(f"guide.query_max_ms            {max(latencies):.2f}  [slowest query without a GC pause: {slowest!r}]")
    print(f"guide.query_max_ms_gc_frozen  {max(frozen):.2f}  [p95 {percentile(frozen, 0.95):.2f}, after gc.freeze()]")
    print(f"guide.index_memory_mb         {held_mb:.1f}  [{index!r}]")
    return 0


def _latencies(index: GuideIndex, rounds: int) -> list[float]:
    latencies: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            index.search(query)
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _time(index: GuideIndex, query: str) -> float:
    started = time.perf_counter()
    index.search(query)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
