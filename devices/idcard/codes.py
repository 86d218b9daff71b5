"""Code tables printed on the chip: gender (GB/T 2261.1), nation (GB 3304) and the GB 11643 check digit.

``core.identity`` has its own copy of the check-digit rule; this package may not import ``core``
(import-linter), and reporting a bad check digit is the reader's job, so the dozen lines live here too.
"""

from __future__ import annotations

GENDERS = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

# GB 3304-1991 民族名称的罗马字母拼写和代码, plus 97 其他 and 98 外国血统中国籍人士 as printed on cards.
NATIONS = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝", "08": "壮",
    "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白", "15": "土家", "16": "哈尼",
    "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳", "21": "佤", "22": "畲", "23": "高山", "24": "拉祜",
    "25": "水", "26": "东乡", "27": "纳西", "28": "景颇", "29": "柯尔克孜", "30": "土", "31": "达斡尔",
    "32": "仫佬", "33": "羌", "34": "布朗", "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯", "39": "阿昌",
    "40": "普米", "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克", "46": "德昂",
    "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春", "53": "赫哲",
    "54": "门巴", "55": "珞巴", "56": "基诺", "97": "其他", "98": "外国血统中国籍人士",
}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """GB 11643-1999: weighted sum of the first 17 digits mod 11 indexes ``1 0 X 9 8 7 6 5 4 3 2``."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def has_valid_check_char(number: str) -> bool:
    """True when ``number`` is 17 digits plus the matching check character (``x`` accepted as ``X``)."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    return id_check_char(number[:17]) == number[17]
