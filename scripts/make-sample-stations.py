#!/usr/bin/env python3
"""Generate data/stations-sample.csv: about 1,000 SYNTHETIC Qinghai service stations.

Nothing in the output is a real station. Positions are scattered around the
real county seats of Qinghai, weighted roughly by population; names, hosts,
addresses and phone numbers are made up from common patterns (the phone numbers
are random 7-digit numbers behind the right Qinghai area codes, not real
contacts).

The run is deterministic (fixed seed, standard library only): running it again
rewrites the CSV byte for byte.

    python3 scripts/make-sample-stations.py            # writes data/stations-sample.csv
    python3 scripts/make-sample-stations.py --check    # exits 1 if the file is out of date
"""

import csv
import io
import math
import random
import sys
from pathlib import Path

SEED = 20250630
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "stations-sample.csv"
REGIONS = ROOT / "data" / "regions.csv"

HEADER = ["code", "name", "kind", "lat", "lon", "region", "address", "services",
          "hours", "phone", "host", "seats"]

SERVICES = ["water", "hot-meal", "toilet", "rest", "phone-charging", "ebike-charging",
            "first-aid", "aed", "heating", "cooling", "wifi", "reading", "legal-advice",
            "shower", "laundry", "mother-baby", "oxygen"]

# Rough outline of Qinghai for a sanity check (every point must also be near its seat).
QINGHAI_BOX = (31.6, 39.3, 89.4, 103.1)

# Prefecture code -> (name used in addresses, area code).
PREFECTURES = {
    "6301": ("西宁市", "0971"),
    "6302": ("海东市", "0972"),
    "6322": ("海北州", "0970"),
    "6323": ("黄南州", "0973"),
    "6325": ("海南州", "0974"),
    "6326": ("果洛州", "0975"),
    "6327": ("玉树州", "0976"),
    "6328": ("海西州", "0977"),
}

GENERIC_STREETS = ["人民路", "团结路", "民主路", "解放路", "迎宾路", "建设路", "文化路",
                   "滨河路", "环城路", "东大街", "西大街", "南大街", "北大街", "新华路",
                   "幸福路", "民族路", "和平路", "长安路"]

GENERIC_COMMUNITIES = ["幸福", "和平", "团结", "康乐", "阳光", "东环", "西环", "新城",
                       "文化", "民主", "金桥", "河滨"]

# One entry per county-level division:
#   code: (short name, seat town or None, seat lat, seat lon, altitude m, stations,
#          streets, anchors)
# anchors: extra centres inside the county as (label, lat, lon, weight, sigma km);
# the seat itself is always an anchor. Coordinates are WGS-84, approximate.
COUNTIES = {
    # 西宁市: about 45 % of the stations.
    "630102": ("城东", None, 36.612, 101.800, 2250, 80,
               ["东关大街", "建国路", "八一中路", "八一西路", "互助中路", "大众街", "南小街",
                "周家泉路", "康宁路", "中庄路"],
               [("韵家口", 36.598, 101.850, 0.3, 1.5)]),
    "630103": ("城中", None, 36.617, 101.778, 2260, 95,
               ["南大街", "北大街", "西大街", "东大街", "长江路", "南关街", "南山路",
                "南川东路", "南川西路", "饮马街", "解放路", "观门街"],
               [("南川", 36.570, 101.760, 0.35, 1.8)]),
    "630104": ("城西", None, 36.627, 101.764, 2270, 85,
               ["五四大街", "胜利路", "西关大街", "海湖大道", "文汇路", "冷湖路", "黄河路",
                "新宁路", "五四西路", "文景街", "兴海路"],
               [("海湖新区", 36.640, 101.715, 0.4, 1.8)]),
    "630105": ("城北", None, 36.658, 101.762, 2280, 75,
               ["柴达木路", "祁连路", "朝阳东路", "朝阳西路", "小桥大街", "宁张路", "海晏路",
                "门源路", "经二路"],
               [("马坊", 36.676, 101.738, 0.3, 1.5)]),
    "630106": ("湟中", "鲁沙尔镇", 36.500, 101.570, 2650, 55,
               ["金塔路", "团结路", "迎宾路", "人民路", "康川路", "园林路", "莲湖路"], []),
    "630121": ("大通", "桥头镇", 36.930, 101.680, 2450, 40,
               ["园林路", "景阳路", "人民路", "向阳路", "建设路", "新庄路"],
               [("长宁镇", 36.860, 101.700, 0.25, 1.5)]),
    "630123": ("湟源", "城关镇", 36.682, 101.260, 2650, 20,
               ["城关大街", "西大街", "东大街", "光华路", "湟源大道"], []),
    # 海东市: about 20 %.
    "630202": ("乐都", "碾伯镇", 36.482, 102.402, 1980, 45,
               ["古城大街", "西大街", "东大街", "滨河路", "朝阳路", "南大街", "文化路"], []),
    "630203": ("平安", "平安镇", 36.502, 102.105, 2100, 35,
               ["平安大道", "湟中路", "府前路", "迎宾路", "文化路", "康乐路"], []),
    "630222": ("民和", "川口镇", 36.325, 102.790, 1800, 40,
               ["川垣大街", "西大街", "东大街", "迎宾路", "湟水路", "人民路"], []),
    "630223": ("互助", "威远镇", 36.840, 101.955, 2450, 35,
               ["西大街", "南大街", "北大街", "土乡大道", "彩虹路", "迎宾路"], []),
    "630224": ("化隆", "巴燕镇", 36.098, 102.262, 2830, 22,
               ["人民路", "团结路", "迎宾路", "北大街", "南大街"], []),
    "630225": ("循化", "积石镇", 35.850, 102.488, 1880, 23,
               ["积石大街", "东大街", "西大街", "滨河路", "撒拉大道"], []),
    # 海北州
    "632221": ("门源", "浩门镇", 37.378, 101.620, 2870, 15, None, []),
    "632222": ("祁连", "八宝镇", 38.178, 100.250, 2790, 10, None, []),
    "632223": ("海晏", "三角城镇", 36.900, 100.990, 3000, 12, None,
               [("西海镇", 36.955, 100.885, 0.6, 1.2)]),
    "632224": ("刚察", "沙柳河镇", 37.325, 100.140, 3300, 8, None, []),
    # 黄南州
    "632301": ("同仁", None, 35.517, 102.018, 2490, 20,
               ["热贡路", "中山路", "德合隆路", "夏琼路", "人民路", "滨河路"], []),
    "632322": ("尖扎", "马克唐镇", 35.938, 102.032, 2080, 10, None, []),
    "632323": ("泽库", "泽曲镇", 35.036, 101.467, 3660, 8, None, []),
    "632324": ("河南", "优干宁镇", 34.734, 101.605, 3600, 7, None, []),
    # 海南州
    "632521": ("共和", "恰卜恰镇", 36.283, 100.620, 2830, 30,
               ["青海湖南路", "絮雪路", "团结路", "迎宾路", "人民路", "环城路", "同心路"], []),
    "632522": ("同德", "尕巴松多镇", 35.254, 100.578, 3200, 8, None, []),
    "632523": ("贵德", "河阴镇", 36.040, 101.433, 2200, 14, None, []),
    "632524": ("兴海", "子科滩镇", 35.588, 99.988, 3250, 9, None, []),
    "632525": ("贵南", "茫曲镇", 35.587, 100.747, 3150, 9, None, []),
    # 果洛州: sparse.
    "632621": ("玛沁", "大武镇", 34.477, 100.240, 3720, 15,
               ["团结路", "雪山路", "格萨尔路", "人民路", "吉祥路"], []),
    "632622": ("班玛", "赛来塘镇", 32.932, 100.737, 3530, 4, None, []),
    "632623": ("甘德", "柯曲镇", 33.969, 99.901, 4050, 4, None, []),
    "632624": ("达日", "吉迈镇", 33.752, 99.651, 3960, 4, None, []),
    "632625": ("久治", "智青松多镇", 33.430, 101.483, 3630, 4, None, []),
    "632626": ("玛多", "玛查理镇", 34.915, 98.210, 4270, 4, None, []),
    # 玉树州: sparse.
    "632701": ("玉树", None, 33.004, 97.008, 3700, 25,
               ["胜利路", "民主路", "红卫路", "扎西科路", "团结路", "格萨尔大道", "琼龙路"], []),
    "632722": ("杂多", "萨呼腾镇", 32.893, 95.300, 4070, 4, None, []),
    "632723": ("称多", "称文镇", 33.368, 97.109, 3730, 5, None, []),
    "632724": ("治多", "加吉博洛镇", 33.852, 95.613, 4180, 3, None, []),
    "632725": ("囊谦", "香达镇", 32.204, 96.480, 3650, 5, None, []),
    "632726": ("曲麻莱", "约改镇", 34.126, 95.797, 4230, 3, None, []),
    # 海西州: 德令哈 plus a second cluster at 格尔木.
    "632801": ("格尔木", None, 36.406, 94.903, 2800, 45,
               ["昆仑中路", "昆仑南路", "柴达木中路", "柴达木西路", "八一中路", "江源南路",
                "江源北路", "黄河路", "盐湖路", "金峰路", "迎宾路", "河西大街"], []),
    "632802": ("德令哈", None, 37.370, 97.365, 2980, 25,
               ["柴达木路", "长江路", "巴音河路", "祁连路", "昆仑路", "德都路", "海西路"], []),
    "632803": ("茫崖", "花土沟镇", 38.253, 90.860, 2950, 10, None, []),
    "632821": ("乌兰", "希里沟镇", 36.930, 98.480, 2950, 8, None, []),
    "632822": ("都兰", "察汗乌苏镇", 36.302, 98.090, 3100, 10, None, []),
    "632823": ("天峻", "新源镇", 37.300, 99.022, 3420, 6, None, []),
    "632857": ("大柴旦", "大柴旦镇", 37.850, 95.358, 3170, 6, None, []),
}

# 街道 of the 西宁 districts, for street-level union stations.
SUBDISTRICTS = {
    "630102": ["东关大街", "清真巷", "大众街", "周家泉", "火车站", "八一路", "林家崖"],
    "630103": ["人民街", "南滩", "仓门街", "礼让街", "饮马街", "南川东路", "南川西路"],
    "630104": ["西关大街", "古城台", "虎台", "胜利路", "兴海路", "文汇路", "通海路"],
    "630105": ["朝阳", "小桥大街", "马坊", "火车西站"],
}

# Cities whose stations sit on streets without a town in the address.
CITY_LIKE = {"632301", "632701", "632801", "632802"}

# The counties where a larger number of banks, telecom halls and chains exist.
URBAN = {"630102", "630103", "630104", "630105", "630106", "630202", "630203",
         "632801", "632802", "632521"}


def load_regions():
    names = {}
    with REGIONS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names[row["code"]] = (row["name"], row["level"])
    return names


def km_between(lat1, lon1, lat2, lon2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def is_district(code, names):
    return names[code][0].endswith("区")


class Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.names = load_regions()
        self.used_names = set()
        self.used_hosts = set()
        self.used_phones = set()
        self.used_addresses = set()
        self.per_county_first = set()

    # -- small helpers -------------------------------------------------------

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for value, w in pairs:
            x -= w
            if x < 0:
                return value
        return pairs[-1][0]

    # -- places --------------------------------------------------------------

    def position(self, code):
        short, town, lat, lon, _alt, _n, _streets, anchors = COUNTIES[code]
        urban = is_district(code, self.names)
        limit = 12.0 if urban else 30.0
        seat_label = town or short
        seat_sigma = 1.6 if urban else (2.2 if code in CITY_LIKE else 1.5)
        choices = [((seat_label, lat, lon, seat_sigma), 1.0)]
        choices += [((label, a, b, s), w) for label, a, b, w, s in anchors]
        label, clat, clon, sigma = self.weighted(choices)
        while True:
            dy = self.rng.gauss(0.0, sigma)
            dx = self.rng.gauss(0.0, sigma)
            if math.hypot(dx, dy) > 2.5 * sigma:
                continue
            plat = clat + dy / 111.2
            plon = clon + dx / (111.32 * math.cos(math.radians(clat)))
            if km_between(plat, plon, lat, lon) <= limit:
                return label, round(plat, 6), round(plon, 6)

    def streets(self, code):
        own = COUNTIES[code][6]
        return own if own else GENERIC_STREETS

    def address(self, code, label, street, number):
        short, town, *_ = COUNTIES[code]
        pref = PREFECTURES[code[:4]][0]
        county = self.names[code][0]
        if is_district(code, self.names) and code[:4] == "6301":
            return f"{pref}{county}{street}{number}号"
        if code in CITY_LIKE:
            return f"{pref}{county}{street}{number}号"
        place = label if label.endswith("镇") else (town or "")
        return f"{pref}{county}{place}{street}{number}号"

    def city_short(self, code):
        """The place name banks and chains put in branch names: 西宁, 海东, 格尔木, 门源 …"""
        if code[:4] == "6301" and is_district(code, self.names):
            return "西宁"
        if code[:4] == "6302" and is_district(code, self.names):
            return "海东"
        return COUNTIES[code][0]

    def county_label(self, code):
        """The county name as used in station names: 城中区, 湟源县, 格尔木市, 大柴旦."""
        name = self.names[code][0]
        short = COUNTIES[code][0]
        if name.endswith("自治县"):
            return short + "县"
        if name.endswith("行政委员会"):
            return short + "行委"
        return name

    # -- hosts and names -----------------------------------------------------

    def host_kinds(self, code):
        urban = code in URBAN
        if urban:
            return [
                ("bank", 20), ("post", 9), ("telecom", 10), ("gas", 9), ("sanitation", 13),
                ("community", 15), ("union", 7), ("supermarket", 5), ("logistics", 5),
                ("rider", 4), ("driver", 2 if code not in ("632801", "632802") else 8),
                ("pharmacy", 3),
            ]
        return [
            ("bank", 18), ("post", 12), ("telecom", 7), ("gas", 12), ("sanitation", 10),
            ("community", 12), ("union", 14), ("supermarket", 5), ("driver", 4),
            ("pharmacy", 3),
        ]

    def make_host(self, code, label, street):
        """Returns (host kind, host organisation, station name, station kind)."""
        htype = self.weighted(self.host_kinds(code))
        cs = self.city_short(code)
        cl = self.county_label(code)
        county = self.names[code][0]
        pref = PREFECTURES[code[:4]][0]
        urban = code in URBAN
        first_key = (htype, code)

        if htype == "bank":
            if urban:
                bank = self.weighted([("中国工商银行", 3), ("中国建设银行", 3), ("中国农业银行", 3),
                                      ("中国银行", 2), ("中国邮政储蓄银行", 2), ("青海银行", 2),
                                      ("交通银行", 1)])
            else:
                bank = self.weighted([("中国农业银行", 4), ("中国邮政储蓄银行", 3),
                                      ("中国建设银行", 2), ("中国工商银行", 1)])
            key = (bank, code)
            if key not in self.per_county_first:
                branch = COUNTIES[code][0] if cs != COUNTIES[code][0] else ""
                host = f"{bank}{cs}{branch}支行" if branch else f"{bank}{cl}支行"
                self.per_county_first.add(key)
            else:
                host = f"{bank}{cs}{street}支行"
            if bank == "中国建设银行":
                return htype, host, f"{host}劳动者港湾", "harbor"
            if bank == "中国工商银行":
                return htype, host, f"{host}工行驿站", "love-station"
            if self.chance(0.15):
                return htype, host, f"{host}劳动者港湾", "harbor"
            return htype, host, f"{host}爱心驿站", "love-station"

        if htype == "post":
            if first_key not in self.per_county_first:
                self.per_county_first.add(first_key)
                if code[:4] in ("6301", "6302"):
                    org = f"{pref}{county}分公司"
                else:
                    org = f"{cl if county.endswith('行政委员会') else county}分公司"
                host = f"中国邮政集团有限公司{org}"
                return htype, host, f"中国邮政{org}爱心驿站", "love-station"
            host = f"中国邮政{cs}{street}邮政支局"
            return htype, host, f"{host}爱心驿站", "love-station"

        if htype == "telecom":
            op = self.weighted([("中国移动", 5), ("中国电信", 3), ("中国联通", 2)])
            host = f"{op}{cs}{street}营业厅"
            return htype, host, f"{host}爱心驿站", "love-station"

        if htype == "gas":
            co = self.weighted([("中国石化", 1), ("中国石油", 1)])
            host = f"{co}{cs}{street}加油站"
            if self.chance(0.25):
                return htype, host, f"{host}司机之家", "other"
            return htype, host, f"{host}爱心驿站", "love-station"

        if htype == "sanitation":
            host = f"{pref}{county}环境卫生管理所" if code[:4] in ("6301", "6302") else f"{county}环境卫生管理所"
            if self.chance(0.4):
                return htype, host, f"{cl}{street}环卫工人劳动者港湾", "harbor"
            return htype, host, f"{cl}{street}环卫工人爱心驿站", "love-station"

        if htype == "community":
            stem = street if self.chance(0.6) else self.pick(GENERIC_COMMUNITIES)
            host = f"{cl}{stem}社区党群服务中心"
            kind = self.weighted([("harbor", 3), ("union-station", 2)])
            suffix = "劳动者港湾" if kind == "harbor" else "工会驿站"
            return htype, host, f"{host}{suffix}", kind

        if htype == "union":
            if first_key not in self.per_county_first:
                self.per_county_first.add(first_key)
                host = f"{cl}总工会职工服务中心"
                return htype, host, f"{host}工会驿站", "union-station"
            if code in SUBDISTRICTS:
                sub = self.pick(SUBDISTRICTS[code])
                host = f"{cl}{sub}街道总工会"
                return htype, host, f"{cl}{sub}街道工会驿站", "union-station"
            town = label if label.endswith("镇") else COUNTIES[code][1]
            if town and not self.names[code][0].endswith("市"):
                host = f"{cl}{town}总工会"
                if f"{cl}{town}工会驿站" not in self.used_names:
                    return htype, host, f"{cl}{town}工会驿站", "union-station"
            host = f"{cl}总工会"
            return htype, host, f"{cl}{street}职工之家工会驿站", "union-station"

        if htype == "supermarket":
            chain = self.pick(["惠民", "万家福", "佳乐", "鑫源", "百姓", "丰泽"])
            host = f"{chain}超市{cs}{street}店"
            return htype, host, f"{host}爱心驿站", "love-station"

        if htype == "logistics":
            host = f"{cs}{street}快递物流园"
            return htype, host, f"{host}劳动者港湾", "harbor"

        if htype == "rider":
            host = f"{cl}总工会"
            return htype, host, f"{cl}{street}新就业形态劳动者驿站", self.weighted(
                [("union-station", 2), ("other", 1)])

        if htype == "driver":
            host = f"{cs}{street}货运服务站"
            return htype, host, f"{cs}{street}司机之家", "other"

        # pharmacy
        host = f"{self.pick(['康华', '仁和堂', '济民', '益康'])}大药房{cs}{street}店"
        return htype, host, f"{host}爱心驿站", "love-station"

    # -- station fields ------------------------------------------------------

    def services(self, code, htype):
        alt = COUNTIES[code][4]
        lowland = code[:4] in ("6301", "6302")
        p = {
            "water": 0.99, "rest": 0.98, "phone-charging": 0.95,
            "hot-meal": 0.82, "toilet": 0.75,
            "heating": 0.80 if lowland else 0.93,
            "cooling": 0.30 if lowland else 0.06,
            "wifi": 0.60, "first-aid": 0.65, "reading": 0.35,
            "ebike-charging": 0.30 if code in URBAN else 0.08,
            "aed": 0.04, "shower": 0.03, "laundry": 0.02, "legal-advice": 0.04,
            "mother-baby": 0.07,
            "oxygen": 0.75 if alt >= 3500 else (0.15 if alt >= 3000 else (0.02 if alt >= 2500 else 0.0)),
        }
        if htype == "gas":
            p["toilet"] = 0.97
        if htype == "bank":
            p["aed"] = 0.10
            p["wifi"] = 0.85
        if htype == "sanitation":
            p["shower"] = 0.12
            p["laundry"] = 0.08
        if htype in ("union", "community"):
            p["legal-advice"] = 0.35
            p["reading"] = 0.60
        if htype in ("rider", "logistics"):
            p["ebike-charging"] = 0.70
        if htype == "driver":
            p["shower"] = 0.30
            p["laundry"] = 0.15
        chosen = [s for s in SERVICES if self.rng.random() < p[s]]
        if not chosen:
            chosen = ["water"]
        return ";".join(chosen)

    def hours(self, htype):
        if self.chance(0.03):
            return ""
        options = {
            "bank": [("Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00; PH off", 5),
                     ("Mo-Fr 09:00-17:00; PH off", 3), ("Mo-Su 09:00-17:00", 2)],
            "post": [("Mo-Su 08:30-18:00", 5), ("Mo-Fr 08:30-18:00; Sa,Su 09:00-17:00", 2),
                     ("Mo-Su 08:30-18:00; PH 10:00-16:00", 1)],
            "telecom": [("Mo-Su 09:00-19:00", 3), ("Mo-Su 09:00-20:00", 2),
                        ("Mo-Su 09:00-18:00; PH 10:00-16:00", 1)],
            "gas": [("24/7", 9), ("Mo-Su 07:00-23:00", 1)],
            "sanitation": [("Mo-Su 05:30-21:00", 5), ("Mo-Su 06:00-20:00", 2), ("24/7", 1)],
            "community": [("Mo-Fr 08:00-12:00,14:30-18:00; PH off", 4),
                          ("Mo-Fr 08:30-12:00,14:00-18:00; Sa,Su off; PH off", 2),
                          ("Mo-Su 08:00-20:00", 2)],
            "union": [("Mo-Fr 08:00-12:00,14:30-18:00; PH off", 4),
                      ("Mo-Fr 08:30-18:00; Sa,Su 09:00-17:00; PH off", 2),
                      ("Mo-Su 08:00-20:00", 1)],
            "supermarket": [("Mo-Su 08:00-22:00", 4), ("Mo-Su 08:30-21:30", 2)],
            "logistics": [("Mo-Su 07:00-23:00", 3), ("24/7", 2), ("Mo-Su 18:00-02:00", 1)],
            "rider": [("Mo-Su 10:00-22:00", 3), ("Mo-Su 18:00-02:00", 2), ("24/7", 1)],
            "driver": [("24/7", 3), ("Mo-Su 20:00-02:00", 1), ("Mo-Su 06:00-23:30", 1)],
            "pharmacy": [("Mo-Su 08:00-22:00", 3), ("24/7", 1)],
        }[htype]
        return self.weighted(options)

    def phone(self, code):
        if self.chance(0.20):
            return ""
        area = "0979" if code == "632801" else PREFECTURES[code[:4]][1]
        while True:
            number = f"{area}-{self.rng.randint(2, 8)}{self.rng.randrange(10 ** 6):06d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def seats(self, htype):
        low, mode, high = {
            "bank": (4, 8, 20), "post": (4, 8, 16), "telecom": (4, 6, 12), "gas": (4, 8, 20),
            "sanitation": (6, 12, 30), "community": (6, 14, 40), "union": (8, 16, 40),
            "supermarket": (4, 6, 12), "logistics": (10, 20, 40), "rider": (8, 16, 40),
            "driver": (8, 16, 40), "pharmacy": (4, 6, 10),
        }[htype]
        return int(round(self.rng.triangular(low, high, mode)))

    # -- the run ------------------------------------------------------------

    def station(self, code, seq):
        for _attempt in range(200):
            label, lat, lon = self.position(code)
            street = self.pick(self.streets(code))
            htype, host, name, kind = self.make_host(code, label, street)
            if name in self.used_names:
                continue
            self.used_names.add(name)
            while True:
                number = self.rng.randint(1, 320 if code in URBAN else 160)
                address = self.address(code, label, street, number)
                if address not in self.used_addresses:
                    self.used_addresses.add(address)
                    break
            return [
                f"QH-{code}-{seq:04d}", name, kind, f"{lat:.6f}", f"{lon:.6f}", code,
                address, self.services(code, htype),
                self.hours(htype), self.phone(code), host, str(self.seats(htype)),
            ]
        raise SystemExit(f"could not find a unique station name in {code}")

    def rows(self):
        counties = [c for c, (_, level) in self.names.items() if level == "county"]
        missing = set(counties) ^ set(COUNTIES)
        if missing:
            raise SystemExit(f"regions.csv and the county table disagree: {sorted(missing)}")
        out = []
        for code in sorted(counties):
            for seq in range(1, COUNTIES[code][5] + 1):
                out.append(self.station(code, seq))
        return out


def check(rows, names):
    """Sanity checks on the generated rows; raises on the first problem."""
    seen_codes, seen_names = set(), set()
    for row in rows:
        record = dict(zip(HEADER, row))
        code = record["region"]
        assert record["code"] not in seen_codes and record["name"] not in seen_names, record
        seen_codes.add(record["code"])
        seen_names.add(record["name"])
        lat, lon = float(record["lat"]), float(record["lon"])
        s, n, w, e = QINGHAI_BOX
        assert s <= lat <= n and w <= lon <= e, record
        seat = COUNTIES[code]
        limit = 15.0 if is_district(code, names) else 40.0
        assert km_between(lat, lon, seat[2], seat[3]) <= limit, record
        assert names[code][0] in record["address"], record
        assert all(x in SERVICES for x in record["services"].split(";")), record
        assert 4 <= int(record["seats"]) <= 40, record


def render():
    gen = Generator()
    rows = gen.rows()
    check(rows, gen.names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def main(argv):
    data = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_bytes() != data:
            print(f"{OUT.relative_to(ROOT)} is out of date; run scripts/make-sample-stations.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.write_bytes(data)
    count = data.count(b"\n") - 1
    print(f"wrote {count} stations to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
