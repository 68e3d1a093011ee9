"""Shared design of the samples: dates and counts, the liugeyi-sidabiao indicators and their points,
community name stems, and the 序时进度 (schedule) arithmetic every part uses.

Nothing here draws random numbers except through ``rng_for``, which gives each output its own generator.
"""

from __future__ import annotations

import datetime
from random import Random

SEED = 2022
JUNE_30 = datetime.date(2022, 6, 30)  # as-of of city-ledger.xlsx; notices sent then are due 2022-07-15
FOLLOWUP_DATE = datetime.date(2022, 7, 20)
WEEK_DATES = {"week1": datetime.date(2022, 6, 24), "week2": datetime.date(2022, 7, 1),
              "week3": datetime.date(2022, 7, 8), "week4": datetime.date(2022, 7, 15),
              "week5": datetime.date(2022, 7, 22)}
NOTICE_DUE_DAYS = 15  # creatio's default: notices drafted on week 2 (2022-07-01) fall due on 2022-07-16
SUQIAN_BEHIND = 9  # communities of city-ledger.xlsx designed to be behind 序时进度
RECTIFIED = 5  # of those, fully fixed by 2022-07-20; the other 4 notices are overdue
WEEKLY_BEHIND = 11  # communities of the weekly folder designed to be behind 序时进度 in week 1 …
WEEKLY_RECOVERED = 2  # … of which this many fix enough in week 2 to catch up (so 9 in week 2)

# ---------------------------------------------------------------------------------------------------
# Indicators of liugeyi-sidabiao (ids as in standards/liugeyi-sidabiao.yaml)
# ---------------------------------------------------------------------------------------------------
AREA = "area.per_100_households"
SHARE = "area.activity_share"
ROOMS = "rooms.function_rooms"
SIX = [
    ("six.comprehensive_venue", "综合服务场所"),
    ("six.culture_center", "文化服务中心"),
    ("six.moral_lecture_hall", "道德讲堂"),
    ("six.parent_school", "家长学校"),
    ("six.minors_venue", "未成年人活动场所"),
    ("six.volunteer_station", "志愿服务V站"),
]
SIX_IDS = [sid for sid, _ in SIX]
ACTIVITIES = "activities.per_year"
LEDGER = "ledger.kept"
VOLUNTEERS = "volunteers.share"
SATISFACTION = "satisfaction.residents"
INDICATORS = [AREA, SHARE, ROOMS, *SIX_IDS, ACTIVITIES, LEDGER, VOLUNTEERS, SATISFACTION]
# Indicators a community may fail outside the "area or rooms" group.
OTHER_INDICATORS = [*SIX_IDS, ACTIVITIES, LEDGER, VOLUNTEERS, SATISFACTION]
# 六个一 facilities that need a room of their own: the first to go when a community is short of space.
ROOM_SIX = ["six.culture_center", "six.moral_lecture_hall", "six.parent_school", "six.minors_venue"]

# Points of each indicator, copied from standards/liugeyi-sidabiao.yaml (`points:`; scoring.credit is
# all_or_nothing, every indicator applies, a missing value earns nothing). Used only to decide which
# community was designed to be behind schedule (序时进度): completion = (100 − points lost) / 100.
POINTS = {AREA: 10, SHARE: 6, ROOMS: 8, **{sid: 6 for sid in SIX_IDS}, ACTIVITIES: 10, LEDGER: 10,
          VOLUNTEERS: 10, SATISFACTION: 10}
assert sum(POINTS.values()) == 100 and list(POINTS) == INDICATORS
BEHIND_LOSS = 56  # a community designed to be behind loses at least this many points …
ON_TRACK_LOSS = 40  # … every other one at most this many (the threshold is 45–53 on every sample date)
MARGIN = 3  # points between any community's loss and the behind-schedule threshold

PLAIN_HEADERS = [
    "区县", "街道", "社区", "户数", "常住人口", "社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）",
    "功能室数量（个）", *[name for _, name in SIX], "活动开展次数", "台账整理", "注册志愿者人数",
    "群众满意度（%）", "帮扶单位", "备注",
]

# Name stems for communities (…社区). 南关 is reserved for the Suqian ledger.
_STEM_TEXT = """
幸福 和平 团结 友谊 建设 解放 人民 红旗 向阳 朝阳 东风 新华 兴华 振兴 繁荣 富康 康乐 安康 祥和 和谐
文明 光明 育才 书香 翰林 文昌 文苑 学府 紫薇 桂花 梅园 兰苑 荷花 菊园 竹园 松林 柳园 杨柳 桃园 杏林
梨园 枫林 银杏 香樟 翠竹 绿园 青年 金色 金河 银河 清河 东河 西河 运河 洋河 湖畔 河畔 滨河 东湖 西湖
南湖 北湖 锦绣 玉带 金鸡 凤凰 龙泉 白鹭 长江 淮河 泗水 楚街 项王 马陵 府前 府苑 城南 城北 城东 城西
南门 北门 东门 西门 北关 东关 西关 新村 新城 新园 盛世 世纪 时代 中心 花园 公园 体育 工人 园林 农场
铁路 电力 邮政 钟楼 鼓楼 古槐 双塔 三台 五里 七里 八里 十里 九龙 金湖 银湖 明珠 宝珠 天河 星河 彩虹
晨曦 曙光 春晖 春华 秋实 丰收 永安 永宁 长安 长宁 太平 平安 福田 福源 福苑 瑞祥 瑞景 嘉禾 嘉园 华庭
馨园 怡园 雅苑 锦园 秀水 碧水 清风 明月 龙湾 凤鸣 鹤鸣 莲花 芙蓉 牡丹 海棠 玉兰 丁香 月季 石榴 葡萄
桑园 茶庵 柏林 松涛 河西 河东 桥北 桥南 渡口 码头 盐河 健康 和美 和顺 顺达 通达 康居 安居 乐居 翠湖
"""
STEMS = _STEM_TEXT.split()
assert len(STEMS) == len(set(STEMS)), "duplicate name stems"

PARTNERS = [
    "市民政局", "市财政局", "市住房和城乡建设局", "市文化广电和旅游局", "市教育局", "团市委", "市妇联",
    "市卫生健康委", "市自然资源和规划局", "市城市管理局", "市人力资源和社会保障局", "市税务局",
    "市供电公司", "市交通运输局", "市市场监督管理局",
]
# Units sent from week 3 (2022-07-08) as a second partner to the communities behind 序时进度 in week 2
# (加派帮扶单位): their cells then name two units, 原单位、新单位.
EXTRA_PARTNERS = ["市机关事务管理局", "淮安农商银行", "中国移动淮安分公司"]


def rng_for(part: str) -> Random:
    """A generator of its own for one output, seeded with 2022 and the part's name."""
    return Random(f"{SEED}:{part}")


def points_lost(fails) -> int:
    """Points a community loses for failing ``fails`` (all or nothing per indicator)."""
    return sum(POINTS[ind] for ind in fails)


def year_progress(as_of: datetime.date) -> tuple[int, int]:
    """序时进度 (day convention, calendar-year campaign) as (days elapsed, days in the year)."""
    start = datetime.date(as_of.year, 1, 1)
    return (as_of - start).days + 1, (datetime.date(as_of.year, 12, 31) - start).days + 1


def behind_schedule(fails, as_of: datetime.date) -> bool:
    """completion < expected progress, i.e. (100 − lost) / 100 < elapsed / days (exact integers)."""
    elapsed, days = year_progress(as_of)
    return (100 - points_lost(fails)) * days < 100 * elapsed


def behind_floor(as_of: datetime.date) -> int:
    """The smallest loss that is behind schedule at ``as_of`` by at least MARGIN points."""
    elapsed, days = year_progress(as_of)
    loss = 0
    while (loss - 100 * (days - elapsed) / days) < MARGIN:
        loss += 1
    return loss


def clear_of_threshold(fails, as_of: datetime.date) -> bool:
    """True when the loss is at least MARGIN points away from the behind-schedule threshold."""
    elapsed, days = year_progress(as_of)
    return abs(points_lost(fails) - 100 * (days - elapsed) / days) >= MARGIN


def ordered(ids) -> list[str]:
    """Indicator ids sorted alphabetically (the order used in every expected file)."""
    return sorted(ids)
