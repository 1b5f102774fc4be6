"""The rules that set a bracket pair aside: numbers, examples, aliases, asides, clauses, code, symbols.

They run before the rules that read a gloss (``rules.BRACKET_RULES``), so that an example, an alias or
an aside is never read as a gloss however term-like its words are; each returns REJECT or None.
"""

from __future__ import annotations

import re

from ..identity import acronym_like, simplified
from ..text import ACCENTED, HAN, HAN_RE, is_pinyin
from .brackets import TEXT
from .candidate import REJECT, TRIM, Candidate, Verdict, strip_labels
from .chinese import translated_in
from .runs import Run

# Bracket contents that are not glosses, recognised by how they begin.
_EXAMPLE = re.compile(
    r"^\s*(?:例如|比如|譬如|诸如|如|像是|举例|包括|包含|比方说"
    r"|e\.\s?g\.?|eg\.|for example|for instance|such as|including|like\s)",
    re.IGNORECASE,
)

_ALIAS = re.compile(
    r"^\s*(?:也称为|也称|也叫|又称为|又称|又叫|又名|(?:以下|下文|后文|下面)?简称|下称|以下称|俗称|亦称|别名|别称|全称|原名|前身为|即|也就是|"
    r"(?:a\.?k\.?a\.?|also known as|also called|formerly|i\.\s?e\.?|short for|abbreviated)(?![a-z]))",
    re.IGNORECASE,
)

_ASIDE = re.compile(
    r"^\s*(?:来自|当时|现任|曾任|曾是|时任|前任|现为|现在是|现就职|任职于|就职于|毕业于|位于|出生于|生于|"
    r"人名|地名|公司名|品牌名|本名|原名|真名|音译|译注|译者注|编者注|原文|原话|原話|参见|详见|下同|同上|大笑|掌声|"
    # what the text around says of itself: `（以上為一般性說明，不構成正式稅務建議）`
    r"(?:以上|以下)(?:为|為|是|均|皆|仅|僅|纯|純)|"
    r"(?:截至|截止|截止到)\s*\d|"  # as of a date: `（截至 2025-02-10）`
    # how a word is said: `NCCL（读作 "nickel"）`, `（发音同 "key"）`, `tiller（大家念"踢了"就行）`,
    # `SAE（念三个字母）`, `gouda（台灣多半念「勾達」）` (not `pronunciation（发音）`, which translates)
    r"[^，。,；;]{0,8}?(?<![纪紀概观觀信想怀懷悼阅閱朗宣解研攻])(?:读|讀|念|唸)(?:作|成|做|\s*[\"“「'『]|[一二三两兩四五\d]\s*个?(?:字母|音节|音節))|"
    r"(?:读音|讀音|发音|發音)\s*(?:为|為|是|同|近似|像|[:：\"“「'])|音同|"
    r"(?:pronounced|rhymes with)\s|"
    # a concession, which a translation never opens with: `ricotta（雖然量很少）`
    r"虽然|雖然|尽管|儘管|即使|不过|不過|但是|"
    r"(?:注|见|笑|续|完|上|下|略)(?=$|[\s:：\d，,、。…])|(?:图|表)\s*\d|(?:见|見|参见|參見)[上下前后]?[表图圖文节節章]|"
    # where the text says more: `mud（見下方名詞小抄）`, `（详见文末附录）`
    r"(?:见|見|参见|參見|详见|詳見)\s*(?:[上下前后後](?:方|面)|文末|附录|附錄)|"
    # what a product, a company or a person is: `Notion（一款笔记工具）`, `（此前在一家云厂商做存储）`
    r"一款|一家|一位|一名|此前|之前在|曾在|目前在|客座|嘉宾|"
    # who the guest is, in an episode's title: `… Roofline（对谈 Mara Lindqvist）`
    r"(?:对谈|對談|专访|專訪|主讲|主講)(?:\s*[A-Z]|\s+\S)|"
    # when a thing came out: `LSS（2020年提出）`, `（2023 年发布）`
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?\s*(?:提出|发布|發佈|發布|推出|发表|發表|开源|開源|上线|上線|问世|問世|出版|出的)|"
    # which version: `TODO（v0.5 之前）`, `（v2 起）`
    r"[vV]\d+(?:\.\d+)*(?![\w.])|"
    # the language of what a title names: `Kubebuilder Book（英文）`, `（英文，需付费订阅）`
    r"(?:英文|英语|英語|中文|日文|日语|日語|德文|法文)(?:版|原文)?\s*(?:$|[，,、；;])|"
    # a reader's wink: `(doge)`, `（狗头）`, `（bushi）` ("not really"), `（误）`
    r"(?:doge|bushi|手动狗头|手動狗頭|狗头|狗頭|滑稽|误|誤|划掉|劃掉)\s*$|"
    # how often a thing was counted: `es（出现 9 次）`, `est（9 次）`
    r"(?:出现|出現|共|共计|共計)?\s*\d+\s*[次遍]\s*$)"
)
# A label naming the English that says a word (`rocket（英）/ arugula（美）`, `turn signal（美式）`) or its register
# (`labelers (口语)`): no gloss, unless it translates the word (`UK（英国）`, `British English（英式英语）`,
# `slang（俚语）`)
_VARIETY = re.compile(
    r"^\s*(?:(?:英|美|澳)(?:式|音|式英语|式英語|式拼写|式拼寫|说法|說法|用法|叫法|拼法|英语|英語)?"
    r"|(?:英国|美国|英國|美國)(?:说法|說法|用法|叫法|拼法|英语|英語)"  # 英国 alone is the country (`UK（英国）`)
    r"|口语|口語|书面语|書面語|俚语|俚語|非正式|正式|旧称|舊稱|旧式|舊式)\s*$"
)

# A bracket that opens with a conjunction, a hedge or a pronoun holds a clause, not a term:
# `GWP（无论世界GDP是怎么算的）`, `(we think)`.
_CLAUSE_OPENER = re.compile(
    r"^\s*(?:无论|不管|不论|如果|假如|假设|虽然|尽管|因为|由于|所以|因此|但是|但|可是|然而|其实|也许|或许|"
    r"大概|大约|大約|相当于|相當於|至少|当然|显然|毕竟|我们|你们|他们|她们|我|你|他|她|这是|那是|就是说|已经|已|曾经|即将|仍然|尚未|"
    # a comment on the thing, not its name: `Transformers（过于臃肿）`, `Claude（或者 Gemini）`
    r"过于|较为|相当|稍微|略有|略微|略显|略顯|略带|略帶|仅仅|仅|只是|或者|或是|还是|原生|"
    # a reply to the reader: `CYP3A4（没错，就是西柚汁）`, `Excel（对，到今天还是 Excel）`
    r"没错|沒錯|(?:对|對)[啊的]?[，,]|是的[，,]|"
    # a note to the reader: `（具体看参数集）`, `（分别对应上面三个年限）`, `（请以官方说明为准）`
    r"具体|分别|详细|请|"
    # a share of what was counted, or what is left out: `42 个 SKU（其中 8 个是赠品）`, `EYFP（不含光敏通道）`
    r"其中|不含|不包括|不包含|约占|約占|約佔|占了|佔了|"
    # a demonstrative points back at what was said: `（这三个条件缺一不可）`
    r"[这那][一二三四五六七八九十两几]*[个种些样](?!\S*[A-Za-z])|"
    # a pronoun, not the letter of i-frames or i.i.d.
    r"(?:i|we|you|he|she|they|it|it's|that's|this is|which|who|because|if|although|but|so)\b(?![-.]))",
    re.IGNORECASE,
)

# A demonstrative of kind, or a person and a clause, that opens a noun phrase, its head after 的 at the end:
# `（那种重复、手工的运维杂活）`, `（你下单时看到的价格和最后成交价之间的差）`.
_KIND_DESCRIBED = re.compile(r"^\s*(?:[这那][种类].*|[我你他她]们?[^，,。；;！？!?]{4,})的[^\s，,。；;的]{1,6}$")
# A bracket that says how the word got its name is about the word, whatever clause it opens with:
# `hairpin（因为形状像发夹才这么叫，…）`, `（名字来自…）`.
_ABOUT_THE_NAME = re.compile(r"[这那][么样]叫|得名|(?:名字|叫法|名称)来自")  # asked of the Simplified copy

_EN_SENTENCE = re.compile(r"^\s*[A-Za-z][\w'’-]*(?:\s+[\w'’-]+)*\s+(?:is|are|was|were)\s+\w", re.IGNORECASE)

_NUMERIC = re.compile(
    r"^[\s\d.,:;%‰~～\-–—/+×x*·年月日号时点分秒周天个倍次人万亿千百十约近超大概左右以上以下前后至到和及、第期章节页起止]+$"
)
# A version, an edition or a model number: `（13.3 版）`, `（2023 修订版）`, `（2019 年版）`, `（型號 VS-3518E）`.
_VERSION = re.compile(
    r"^\s*(?:[vV]?\d+(?:\.\d+)*\s*年?\s*(?:修订|修訂|增订|增訂|更新|最新)?版本?"
    r"|(?=[^\s版]*\d)[A-Za-z][A-Za-z0-9.+-]*\s*版本?"  # a model's or a product's version: `（Qwen2.5-0.5B 版）`
    r"|(?:型号|型號|编号|編號|货号|貨號)[:：]?\s*[\w.-]+)\s*$"
)

_CURRENCY = "元|美元|港元|港幣|港币|人民币|人民幣|新台幣|新台币|日元|日圓|欧元|歐元"  # a price also says 块, 蚊, 刀
# What a thing costs: `每部大約 $1,300`, `约 ¥2000`, `US$ 15`, `3,000 元一台`
_PRICE = re.compile(
    r"^\s*(?:每\S{0,2}\s*)?(?:大约|大約|约|約|about|around|~|～)?\s*"
    rf"(?:(?:US|HK|NT|RMB|CN)?\s*[$¥￥€£]\s*\d|\d[\d,.]*\s*(?:万|萬)?\s*(?:{_CURRENCY}|块|塊|蚊|刀)(?!\w))",
    re.IGNORECASE,
)

# A measured quantity or range: `（约 3 倍）`, `（1.5 mL）`, `（-20 °C）`, `（65–95 °C）`, `（12,000 ×g）`.
_MEASURE = (
    r"%|[KMGTP]i?B(?:\s*/\s*s)?|[KMGT]?bps|[kKMB]|bn|ms|s|x|×\s*g|×|mins?|hours?|days?|years?|h|rpm|°\s*C|℃|K|"
    # volume, mass, amount and concentration, and doses per body weight or time: μL, ng, μM, mg/kg, μg/(kg·min), U/min
    r"(?:[munpµμk]?(?:L|l|g|M|mol)|U|IU|mmHg)(?:\s*/\s*\(?(?:kg(?:·min)?|d|h|min|L|dL|mL|m²)\)?)?|"
    # length, speed, frequency, power, energy, pressure, and astronomy's distances: 1 m/s, 5 km/h, 2 GHz, 1 AU
    r"[kcmµμn]?m(?:\s*/\s*(?:s²?|h))?|[kMG]?Hz|[kMGT]?Wh|[kMG]?W|[mk]?V|k?J|N(?:\s*[·⋅*]\s*m)?|k?Pa|AU|ly|[kM]?pc|"
    # level and loudness: -6 dB, -1 dBTP, -14 LUFS
    r"dB(?:FS|TP|A|m)?|LUFS|LU|"
    # imperial pressure, speed and temperature: 30 psi, 10 mph, 40 °F
    r"(?i:psi)|mph|°\s*F|℉|"
    # the sun's mass, radius and light as astronomy's units, light years, and times over
    r"[MRL]☉|(?i:light[- ]?years?|solar (?:masses|radii)|times)"
)
# A count's magnitude in words: `4.6 billion years（46 亿年）`
_MAGNITUDE = r"(?:(?i:hundred|thousand|million|billion|trillion)\s*)?"
# A price per unit: `0.82 元/kWh`, `$40/MWh`.
_PER = rf"(?:(?:{_CURRENCY}|[$¥￥€£])?\s*/\s*(?=\D))?"
_UNIT = re.compile(
    rf"^\s*[~～约≈]?\s*[-−±$¥￥€£]?\d[\d.,]*\s*(?:[-–~～至]\s*[-−]?\d[\d.,]*\s*)?{_MAGNITUDE}{_PER}(?:{_MEASURE})?\s*$"
)

# A unit of measure on its own, as table headers write it: `延迟（ms）`, `解码速度（tokens/s）`, `功耗（W）`, `(W/m²)`,
# `体积 (μL)`, `胎压（PSI）`.
_UNIT_ALONE = re.compile(
    r"^\s*(?:%|(?i:psi)|mph|ppm|ppb|°F|℉|[munµμ]?s|秒|毫秒|[KMGTP]i?B|[KMGT]?Hz|[kKMG]?W|°C|(?:[KMGT]i?B|tokens?|tok|tokens?\s*每秒|req|qps)\s*/\s*(?:s|sec|秒)"
    r"|[kMGTmµμ]?(?:W|J|V|g|N|Pa|m|L)\s*/\s*[kcmµμ]?(?:m|s|h|g|L|K)[²³23]?|[munpµμ]?(?:L|M|g)|[kcmµμn]m|rpm|°C|℃"
    rf"|[万萬亿億千百]?(?:{_CURRENCY}))\s*$"  # `GMV（万元）`
)

# `Andy Jones`, `Ilya`, `Zoë Ruiz-Peña`: one to three capitalised words; and what a bracket about a person says.
_UPPER, _LOWER = "A-Z\u00c0-\u00d6\u00d8-\u00de", f"a-z{ACCENTED}"
_NAME = re.compile(rf"^(?:[{_UPPER}]\.?\s)?(?:[{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)?\s?){{1,3}}$")

_HONORIFIC = re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+$")  # before a person's name
_HONORIFIC_REACH = 24  # characters back it is looked for in: the whole text before each bracket made a line quadratic
_ROLE = re.compile(
    r"首席|科学家|研究员|教授|联合创始人|创始人|CEO|CTO|COO|工程师|主持人|作者|总裁|负责人|经理|总监|博士|学者|投资人|合伙人|前\s*[A-Za-z]"
    r"|[那这嗰𠮶呢]位\s*$"  # `Miss Lo（教我哋 land law 嗰位）`: "the one who …", a person described
    r"|顾问|担任|兼任|曾任|记者|编辑|律师|议员|分析师|客座|嘉宾|主播|之父|之母|先驱|奠基人|学生|实习生|同学|老师|学家|专家"
    r"|教练|医生|导演|作家|设计师|运动员|选手|船长|队长|飞行员|讲师|导师|校长|院长|主任|创办人|发起人"
    r"|出身|转行"  # where a person comes from: `（做水下机器人出身）`, `（从律师转行）`
)

# A variable or a fraction of one (`1/n`), a pitch (`F♯`), a version number (`0.4.x`), a grade (`2C`), or model numbers
# (`P10/P200/P1000`).
_SYMBOL = re.compile(
    r"[A-Za-z]\d?|\d/[A-Za-z]|[A-Ga-g][♯♭𝄪𝄫]\d?|\d[A-Za-z]|[vV]?\d+(?:\.(?:\d+|x))+[a-z]?|[A-Z]{1,3}\d+(?:\s*/\s*[A-Z]{0,3}\d+)+"
    r"|[A-Z]{1,3}\d{4,}(?:\.\d+)?|[A-Z]{2,5}-\d{4}-\d{3,}"  # catalogue numbers: T1566.001, KB5034441, CVE-2024-3094
    r"|[A-Z]{2,5}\d{3,}"  # a model number: EMU800, TEMU2000
    r"|[A-Z]{1,3}\d+\s*[–-]\s*[A-Z]{1,3}\d+|\d+[A-Z]\d+[A-Z]"  # grades or codes (K1–K3), a cell layout (6S45P)
    r"|(?=\S*[₀-₉⁺⁻])(?:[A-Z][a-z]?[₀-₉]*)+[⁰-⁹¹²³]*[⁺⁻]?"  # a chemical formula or ion: CO₂, H₂S, SO₄²⁻, K⁺, Ca²⁺
    r"|pp?\.\s*\d+(?:\s*[–-]\s*\d+)?"  # pages: pp. 112–138
    # a sequence of letters, spaced or joined by dashes: notes (`B E A D G C F`, `C–E–G♯`), steps (`W W H W`); not
    # hyphened, as names of several things are (`N-P-K`)
    r"|(?:[A-Za-z][♯♭#]?(?:\s+|\s*[–—]\s*)){2,}[A-Za-z][♯♭#]?"
    r"|[fF]/\d+(?:\.\d+)?"  # an aperture: f/1.8
    r"|[A-Za-z]_\{?[A-Za-z0-9]{1,4}\}?"  # a variable with a subscript: T_H, x_{ij}
    r"|[A-Z][A-Za-z0-9₀-₉]{0,4}\s?\d+(?:\.\d+)?\s?%"  # a nutrient's share: N 46%, K₂O 60%
    r"|(?:GB|ISO|IEC|SAE|IEEE|JIS|DIN|ANSI|EN|UL)(?:/T)?\s?[A-Z]?\d{3,}(?:[.:-]\d+)*"  # a standard: GB 38031-2020
    r"|(?:IAS|IFRS|ASC|SFAS)\s?\d{1,3}"  # an accounting standard: IAS 17, IFRS 16
    r"|(?:[A-Z][a-z]|p[A-Z])\s?[=≈]?\s?\d+(?:\.\d+)?"  # a quantity's symbol and its value: Mw 9.0, pH 7.4, Tm 60
    r"|[A-Za-zΘΩθω]\s?\([a-z0-9⁰-⁹¹²³\s+*^·,/-]{1,16}\)"  # a function of variables, a growth rate: f(x), O(n²)
    r"|\(?[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\)?"  # an id: Logseq's block reference ((6650a1b2-…))
)

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{2})?)?")  # `品牌浅灰色（#9AA0A6）`

# A reading, not a translation: zhuyin (`韻（ㄩㄣˋ）`, and the emoticons made of it, `ㄒoㄒ`), or pinyin with a tone
# mark on every syllable (``text.is_pinyin``: `韻（yùn）`, `中国（zhōngguó）`; not `café`, nor `lamé`: its la has none).
_BOPOMOFO = re.compile("[\u3100-\u312f\u31a0-\u31bf]")
# or syllables with tone numbers, Jyutping's or pinyin's (`坐低（co5 dai1）`, `中国（zhong1 guo2）`): two or more, where
# one would be a name with a digit (`gpt4`)
_NUMBERED_TONES = re.compile(r"[a-z]{1,6}[1-6](?:\s+[a-z]{1,6}[1-6])+")


# An English run that names no term: a file, an address, a quantity, a sum of parts.
_NOT_A_TERM = re.compile(
    r"""\w@[\w-]+\.[a-z]                         # an e-mail address (pass@k is a metric)
    | \b[\w-]+\.(?:lock|py|js|ts|json|toml|ya?ml|md|txt|sh|cfg|ini|rs|go|csv   # a file name
      |dll|exe|so|bin|msi|lnk|hta|vbs|ps1|bat|jar|apk|pdf|docx?|xlsx?|xlsm|pptx?|zip|gz|html|xml|sql|log)$
    | ^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2}|com|org|net|dev|edu|gov|info|app|tech|xyz)(?:/\S*)?$
                                               # a web address: danielwu.tw, example.com/docs, any country's: x.sg
    | ^\d+(?:\.\d+)?[KMBT]\b                   # a quantity: 38B tokens, 7B
    | ^(?:\d{4,6}|[A-Z]{1,5})\.[A-Z]{1,2}$       # a stock ticker: 2330.TW, NVDA.O
    | \s(?:[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)*\.x)$   # a product's version: Midjourney v6, Falcon 7.x
    | ^\d{3,}[A-Za-z]{1,4}$                    # a rating: 1950KV, 5000mAh, 120fps
    | ^\d+\.\d+\s?[A-Za-zμ°]{1,4}$ | ^\d+\s?(?:[kmcμun]?[glm]|[kmcμu]?[Ll]|[mk]?s|mins?|hr?s?|d|px|pt|em|in|ft|yd|lbs?
      |oz|fps|bpm|rpm|mph|kph|k?Wh|mAh|[kMG]?Hz|dB|[kKMG]?[bB]|°[CF]?|st|nd|rd|th|x|k|[kM]?W|V|A)$
                                               # a measure: 0.08 MPa, 50g, 2nd (not 2PL, 3DS, nor a name as 8va)
    | \s\+\s                                   # a combination: ViT + LLM
    | ^(?=.*\d)(?=.*[Xx*])[\dXx*\s-]{6,}$        # a number with digits masked: 0XXX-XXXXXXXX
    """,
    re.VERBOSE,
)

_COMBINED = re.compile(r"\s[+＋]\s|[+＋]\s*[A-Za-z]")  # a sum of parts in Chinese: `量化 + LoRA`, `检索+生成`

# A section's number opening a heading before its term: `### 3.1 FCFS（先來先服務）` (no measure of 3.1 FCFS).
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+\s+[A-Za-z][\w-]*$")
_NAME_PAIR = re.compile(r"^[A-Z][\w.-]*/[A-Z][\w.-]*$")  # Ray/Dask, DeepSpeed/Megatron: two tools

_CODE = re.compile(r"[=;{}<>]|::|\w\.\w{2,}\.\w|\w_\w|\(\)|(?<!\S)--[A-Za-z]")  # `--to markdown`: a command's option
_IDENTIFIER = re.compile(r"[A-Za-z0-9]_[A-Za-z0-9]")  # `innodb_flush_log_at_trx_commit（默认是 1）`: a setting's name
# An operator after the bracket, then a number or another bracket: arithmetic, `(max-min)/(2×mean)`.
_OPERAND = re.compile(r"\s*[/×*^÷]\s*[(（\d]")
_PRODUCT = re.compile(rf"[{HAN}]\s*[×÷]\s*[{HAN}]")  # `（剪切模量 × 断层面积）`: a formula's legend

# A tuple of variables or coordinates: `写成 (x, y, w, h)`, `(x1, y1, x2, y2)`
_TUPLE = re.compile(r"^\s*[A-Za-z]\w?\d?[′'’″]?(?:\s*[,，]\s*[A-Za-z]\w?\d?[′'’″]?)+\s*$")  # `(s, a, r, s′)` too
# A pointer to a numbered part: `先听录音(Track 7-1)`, `（Figure 3）`, `（Eq. 2.1）`: where to look, no term.
_POINTER = re.compile(
    r"^(?:track|figure|fig|table|tab|chapter|ch|section|sec|§|eq|equation|appendix|page|p|pp|exercise|ex|example"
    r"|listing|slide|step|unit|lesson|part|episode|ep|lecture|week|module|no|item|article|art|clause|rule"
    r"|hw|homework|assignment|lab|quiz|ps|project)\.?\s*"  # a course's numbered work: `下周的作业（HW4）`
    r"\d+(?:[.:\-–]\d+)*[a-z]?$",
    re.IGNORECASE,
)
# A venue or authors and a year: a citation, not a translation.
_CITATION = re.compile(r"^[A-Za-z][\w .,&'-]{0,60}?[\s,，]+(?:19|20)\d{2}[a-z]?$")  # `(Dwork, Rothblum & Vadhan, 2010)`
# A work's year and its edition: `Sutton & Barto（2018，第二版）`
_DATED = re.compile(r"^\s*(?:19|20)\d{2}[a-z]?\s*[,，、;；]")

# What a named thing is, or who open-sourced it: `一个老牌的作业管理系统`, `微软开源的那个`, `Meta 开源`; which company
# it is.
_PRODUCT_ASIDE = re.compile(
    r"^\s*一(?:个|套|款|篇)[^，,。；;]*的|(?:那个|这个)\s*(?:$|[，,；;])|\S\s*开源(?:的|\s*$)"
    r"|(?:那|这|一)家[^，,。；;]*(?:公司|企业|厂商|机构|实验室)|[那这]家\s*$"  # `ASML（就是荷兰那家做光刻机的公司）`
    r"|公司的?产品"  # `Xigris（礼来公司产品）`
    # who runs or made it: `（由一家基金会维护）`
    r"|^\s*由[^，,。；;]{1,24}?(?:运营|开发|推出|维护|提供|发起|主导|资助|出品|发布|发行|制作|创办|创立|设计)"
)


def is_quantity(text: str) -> bool:
    """A number with its unit, a range, or a unit alone: `65–95 °C`, `μL`."""
    return bool(_UNIT.match(text) or _UNIT_ALONE.match(text) or _NUMERIC.match(text))


def reject_numbers(c: Candidate) -> Verdict | None:
    """Numbers, dates, units, ranges, prices, citations, versions: `（约 3 倍）`, `(2019)`, `（5-10 人）`, `（ms）`,
    `（每部大約 $1,300，…）`, `（SOSP 2023）`, `(Vaswani et al., 2017)`, `（13.3 版）`, pointers (`(Track 7-1)`)."""
    inner = c.inner.strip()
    if not inner or _NUMERIC.match(inner) or _UNIT.match(inner) or _UNIT_ALONE.match(inner) or _PRICE.match(inner):
        return REJECT
    if _VERSION.match(inner) or _POINTER.match(inner) or _TUPLE.match(inner):
        return REJECT
    return REJECT if _CITATION.match(inner) or _DATED.match(inner) else None


def _measured(c: Candidate, run: Run) -> bool:
    """The English is the unit of a number before it: `晾干 5–10 min（别完全干透）`, `加 30 μL（约一滴）`."""
    unit = run.text.split()[-1]
    if not re.search(r"[^\d\s.,]", unit):
        return False  # a number is no unit
    starts = range(max(0, run.end - 24), run.end - len(unit))  # a number, then the unit after a space
    return any(not c.text[i - 1 : i].isalnum() and _UNIT.match(c.text[i : run.end]) for i in starts)


def reject_examples(c: Candidate) -> Verdict | None:
    """Examples: `（如 NVIDIA H100s）`, `（例如生成诗歌）`, `(e.g. LLMs)`."""
    return REJECT if _EXAMPLE.match(strip_labels(c.inner)) else None


def reject_aliases(c: Candidate) -> Verdict | None:
    """Aliases and same-language expansions: `O1（也称为Strawberry）`, `（即…）`, `(aka …)`; not a word that begins
    with 即 (`drop-in replacement（即插即用的替代品）`)."""
    match = _ALIAS.match(c.inner)
    if match and match.group(0).strip() == "即" and _word_of_ji(simplified(c.inner.strip())):
        return None
    return REJECT if match else None


def _word_of_ji(text: str) -> bool:
    """``text`` begins with a dictionary word that begins with 即 and is no 即是 / 即为 ("that is"): 即插即用,
    即时."""
    from .dictionary import is_headword

    return any(is_headword(text[:k]) and text[:k] not in ("即是", "即为") for k in range(4, 1, -1))


def reject_asides(c: Candidate) -> Verdict | None:
    """Asides about people, places, names and the text itself: `**Andy Jones**（来自Anthropic）`, `Ash（人名）`,
    `RibbonFET（英特尔的叫法）`, `**Ilya**（前 OpenAI 首席科学家）`, `（笑）`, `（注：…）`; a Chinese bracket after a
    person's name from the metadata, unless it transliterates the name (`·`), or after a handle (`@lanyu（…）`)."""
    if _ASIDE.match(c.inner) or _WHOSE_NAME.search(simplified(c.inner)):
        return REJECT
    if c.before_script() == "zh" and c.inner.strip() in _ROLE_ACRONYMS:
        return REJECT if _person_before(c) else None  # `作者：李巍（SRE）`: a person's role
    if c.before_script() == "zh" and _after_handle(c.run("zh"), c.text):
        return REJECT  # `@唐笑(QC)`: a chat member's display name and role
    if c.before_script() != "en" or not HAN_RE.search(c.inner):
        return None
    run = c.run("en")
    if run is None or "·" in c.inner:
        return None
    label = simplified(c.inner.strip())
    if _VARIETY.match(label) and not (translated_in(label, run.text) or translated_in(label[0], run.text)):
        return REJECT  # (the country's character says the word of `British English（英式英语）`)
    if _english_said_first(run.text, c.inner):
        return None  # `字节级 BPE（byte-level BPE：直接在 UTF-8 字节上…）`: the term's English, then a note on it
    if _after_handle(run, c.text):
        return REJECT
    if _HONORIFIC.search(c.text, max(0, run.start - _HONORIFIC_REACH), run.start) and run.text[:1].isupper():
        return REJECT  # `Dr. Wong（城大机械工程学系）`: a person
    name_like = bool(_NAME.match(run.text))
    if run.text.casefold() in c.people or (name_like and _ROLE.search(simplified(c.inner))):
        return REJECT
    inner = simplified(c.inner)
    if _PRODUCT_ASIDE.search(inner) and not run.text.islower():
        return REJECT  # `Slurm（一个老牌的作业管理系统）`, `DoWhy（微软开源的因果推断库）`: what a named thing is
    if _circumstance(run.text, inner):
        return REJECT  # `ε-DP（本地模型下）`: under what it holds, not what it is called
    if _gives_a_value(run.text, inner):
        return REJECT  # `D-SSIM（权重 0.2）`, `FAQ（内部版v3）`: a value or an edition, not what it is called
    if acronym_like(run.text) and _where_it_holds(run.text, inner):
        return REJECT  # `GDPR（欧盟）`, `CPRA（美国加州）` in a table: where the law holds, not what it is called
    # `LoRA（低秩适配：在原权重旁边挂两个…的矩阵）`: a term and its definition; the term says whether it names
    head = _DEFINED_TERM.match(inner)
    described = _describes_a_name(run.text, head["term"] if head else inner)
    return REJECT if described or _names_another(run.text, inner) else None


def _gives_a_value(english: str, chinese: str) -> bool:
    """A few Chinese words and a number the English does not say: a setting or an edition of the thing (an
    explanation that needs a number is longer: `nowcasting（只管未来 0–6 小时的短时降水预报）`)."""
    return (
        _DIGIT.search(chinese) is not None
        and _DIGIT.search(english) is None
        and len(HAN_RE.findall(chinese)) <= _VALUE_NOTE_MOST
    )


_DIGIT = re.compile(r"[0-9０-９]")
_VALUE_NOTE_MOST = 6  # Chinese characters of a note that gives a value (`权重 0.2`, `第3版`)


_DEFINED_TERM = re.compile(r"^\s*(?P<term>[^：:，,。；;（）()]{1,10}?)\s*[：:]\s*\S")


def _english_said_first(english: str, inner: str) -> bool:
    """The bracket opens with English, up to a colon or a comma, that holds the run's English as words of its own and
    more: the whole term in English (`BPE` in `byte-level BPE`), whatever the note after it names."""
    head = re.split(r"[：:，,]", inner, maxsplit=1)[0].strip()
    if HAN_RE.search(head) or head.casefold() == english.casefold():
        return False
    return re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", head, re.IGNORECASE) is not None


def _after_handle(run: Run | None, text: str) -> bool:
    """The run is a handle, `@` and a name, not a message's words after one (`@周启明 故障隔离手册（…）`)."""
    return run is not None and run.start > 0 and text[run.start - 1] in "@＠" and not any(c.isspace() for c in run.text)


def _where_it_holds(acronym: str, chinese: str) -> bool:
    """``chinese`` is places only (jieba tags each word a place's name, or an abbreviation: 欧盟), none of which the
    dictionary calls ``acronym``: where the thing holds, not its name (英国 is the `UK`: `UK（英国）` is a gloss)."""
    from .chinese import word_tag, word_tokens_of
    from .dictionary import calls

    words = word_tokens_of(chinese)
    if not words or not all(word_tag(word).startswith("ns") or _named_abbreviation(word) for word in words):
        return False
    return not any(calls(word, acronym) for word in words)


def _named_abbreviation(word: str) -> bool:
    """jieba calls ``word`` an abbreviation and the dictionary spells it with a name (欧盟 `European Union`, 沪 `short
    name for Shanghai`): a place's or a body's; not one the dictionary lacks (通联, "contact", of `QSO（通联）`)."""
    from .chinese import word_tag
    from .dictionary import names_something

    return word_tag(word).startswith("j") and names_something(word)


_UNDER = re.compile(r"\b(?:under|below|beneath|down|lower|sub)", re.IGNORECASE)


def _circumstance(english: str, chinese: str) -> bool:
    """A noun and the postposition 下 (`本地模型下`, "under the local model"): the condition the English's thing holds
    under, where the English says no `under` (`under load（在负载下）` is a translation)."""
    if not chinese.rstrip().endswith("下") or _UNDER.search(english):
        return False  # asked of every bracket after English: segmenting each took a twentieth of extraction
    from .chinese import is_nominal, word_tokens_of

    words = word_tokens_of(chinese)
    return len(words) >= 2 and words[-1] == "下" and is_nominal(words[-2])


# Who calls a thing so, or when, not what it is called in Chinese: `RibbonFET（英特尔的叫法）`, `bad debts（旧叫法）`.
_WHOSE_NAME = re.compile(r"的(?:叫法|说法|讲法|称呼|名字|命名|译名|写法)\s*$|^\s*(?:旧|老|俗)(?:叫法|说法|称呼|称)\s*$")


# Roles that stand after a person's name: `周敏（PM）`, `李巍（SRE）`.
_ROLE_ACRONYMS = frozenset(
    "PM PO QA SRE SDE SWE CEO CTO COO CFO CPO CMO CIO CISO VP HR BD TL EM DBA PI TA RA FAE FSE PMO UX DS MLE".split()
)


def _person_before(c: Candidate) -> bool:
    """The word before the bracket is a person's name: two or three characters no dictionary knows (项目经理 and 测试
    are words, and what they name has an acronym)."""
    from ..lexicon import jieba_words
    from .chinese import word_tokens_of
    from .dictionary import is_headword

    run = c.run("zh")
    words = word_tokens_of(run.text) if run else []
    name = words[-1] if words else ""
    if not 2 <= len(name) <= 3 or not HAN_RE.fullmatch(name[0]):
        return False
    return not is_headword(name) and not jieba_words().frequency(name)


# A product's or a company's name (capitalised or camelCase words with a lower-case letter: not an acronym).
_PRODUCT_NAME = re.compile(r"^(?=.*[a-z])(?:[A-Z]|[a-z]+[A-Z])[\w.]*(?:[ -][A-Z][\w.]*)*$")
# Chinese that says what a thing is: a kind (`一个公开评测集`), a clause with 的 (`谷歌旗下的自动驾驶公司`) or what
# it is like (`开源的`).
_DESCRIBING = re.compile(r"^\s*一(?:个|种|套|款|家|篇)|\S的(?:\s*\S|\s*$)")
_A_KIND = re.compile(r"^\s*一(?:个|種|种|套|款|家|篇)")  # `一个工作流调度工具`: it is one of a kind


_COINED = re.compile(r"^[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*$")  # HarmBench, efSearch: a capital inside one word
_DESCRIBED_ELSE = 4  # Chinese characters beyond the words that translate part of a name: a description


def _describes_a_name(english: str, chinese: str) -> bool:
    """A name glossed by what it is, not by a translation of its words: `Waymo（谷歌旗下的自动驾驶公司）`,
    `nuScenes（一个公开评测集）`, `ControlNet（能用线稿…来约束构图的插件）`, `Feast（开源的）`; `Knowledge
    Base（知识库）` and `Ruthless Prioritization（严苛的优先级排序）` translate their words, and `BM25（一种…算法）` is
    no name."""
    # a coined name in lower case is described as one thing of a kind (`pgvector（一个开源插件）`), where a rare word
    # is explained by a clause (`goodput（满足延迟目标的…吞吐）`) or as a kind (`transmon（一种…量子比特）`)
    # an acronym with a small prefix names a measure, a molecule or a technique (`pLDDT（每个残基的…）`, `eBPF（一种…
    # 的技术）`), and a product where it is one of a kind (`vLLM（一个开源推理引擎）`)
    prefixed = _PREFIXED_ACRONYM.fullmatch(english) is not None
    one = _ONE_OF_A_KIND.match(chinese) is not None
    named = (_PRODUCT_NAME.match(english) and not prefixed) or (one and (prefixed or _coined_lower(english)))
    if not named or not _DESCRIBING.search(chinese) or english.casefold() in chinese.casefold():
        return False  # `Transformers（英文: Transformers: 一种…的架构）` is a note on the term (``note_definition``)
    from .chinese import word_tokens_of
    from .dictionary import supports

    words = word_tokens_of(chinese)
    # what a kind of thing it is supports a name only by a whole word of it: 工作流 `workflow` describes Airflow
    whole = _A_KIND.match(chinese) is not None
    supported = [word for word in words if supports(word, english, inside_words=not whole)]
    if not supported:
        return not _explains_a_concept(chinese)
    # A coined name (one word with a capital inside) that a few of the words name a part of
    # (`BoardGameGeek（全球最大的桌游资料网站）`): described all the same, when most of the Chinese says something else;
    # not a word capitalised (`Ameritrash（…的美式桌游）` is a kind of game).
    said_else = sum(len(w) for w in words if w not in supported and w != "的" and HAN_RE.match(w))
    return bool(_COINED.match(english)) and said_else >= _DESCRIBED_ELSE


def _explains_a_concept(chinese: str) -> bool:
    """A clause long enough to say how a named thing works or what it stands for, headed by no kind of made thing and
    dated by no year: a technique, a move or a measure explained (`Frenzel（一种用舌根当活塞、…的平压方法）`,
    `Q-Day（量子计算机能实际破解现有公钥密码的那一天）`), which a learner studies as a term; not a product, a
    company or a work described (`Waymo（谷歌旗下的自动驾驶公司）`, `Argon2（2015年口令哈希竞赛的胜出者）`)."""
    text = simplified(chinese)
    clause = _CLAUSE_END.split(text, maxsplit=1)[0].strip()
    if _MADE_THING.search(clause) or _YEAR.search(text) or _BY_MAKER.search(clause) or clause.endswith("的"):
        return False
    return len(HAN_RE.findall(text)) >= _EXPLANATION_LEAST


_CLAUSE_END = re.compile(r"[，,；;。]")
# A kind of made thing, sold or run by someone, ending the description's first clause: a product or a body described.
_MADE_THING = re.compile(
    r"(?:公司|企业|厂商|厂|品牌|平台|工具|软件|插件|框架|项目|引擎|网站|应用|产品|服务|服务商|评测集|数据集|基准|仪器|"
    r"机身|机型|相机|镜头|歌曲|专辑|电影|小说|游戏|店|库|[Aa]pp)\s*$"
)
_BY_MAKER = re.compile(r"一(?:款|家)")  # `瓦里安的一款加速器`: one model of a maker's; `一家…`: a company
_YEAR = re.compile(r"(?:1[5-9]|20)\d{2}\s*年")  # a history note: `1977年的一首迪斯科歌曲`
_EXPLANATION_LEAST = 8  # Han characters: fewer say what kind of thing it is (`一个公开评测集`), not how it works


def _coined_lower(english: str) -> bool:
    """A name written in lower case, one word English does not use (`pgvector`, `kubectl`): a tool's or a
    package's, glossed by what it is (learner's trial 60: `pgvector（一个开源插件）` became a card)."""
    if not _LOWER_NAME.fullmatch(english):
        return False
    from ..lexicon import served_wordfreq

    return served_wordfreq().zipf_frequency(english, "en") < _COINED_ZIPF


_PREFIXED_ACRONYM = re.compile(r"[a-z]{1,2}[A-Z]{3,}[0-9]*s?")
_LOWER_NAME = re.compile(r"[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*")
_ONE_OF_A_KIND = re.compile(r"^\s*一(?:个|個|款|套|家)")
_COINED_ZIPF = 1.5  # at most this frequent in English (about once in 30 million words): no word of the language


# Latin words in a Chinese note, from a capitalised one on: Paxos, API, DeepMind, Query-Key, Generative Recommenders.
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][\w-]*(?:\s+[A-Za-z][\w-]*)*")
_EXPANSION_FIRST = re.compile(r"^\s*[A-Za-z][A-Za-z0-9\s/&'-]*[,，]")
_ACRONYM_NAME = re.compile(r"[A-Z][A-Z0-9]{1,7}")  # GPU, HSTU, ANALYZE
_FUNCTION_WORDS = frozenset("a an the of for from and in on to with by".split())  # no initials of an expansion


def _names_another(english: str, chinese: str) -> bool:
    """A name glossed by a note that names something else in Latin letters, a capitalised word or an acronym that is
    no part of the name, and translates none of its words: `Raft（Paxos 知道名字就行）`, `AlphaFold（DeepMind 開發）`,
    `Grafana（Prometheus 出数据）`, `GPU（一张 H100 一小时…）`; not `mSOFA（改良 SOFA 评分）` (part of the name) or
    `RMS Norm（Root-Mean-Square 归一化）` (its initials spell a word of the name)."""
    acronym = bool(_ACRONYM_NAME.fullmatch(english))
    if not (acronym or _PRODUCT_NAME.match(english)):
        return False
    name = english.casefold()
    words = [word.casefold() for word in re.split(r"[\s-]+", english) if word]

    def another(latin: str) -> bool:
        parts = [part for part in re.split(r"[\s-]+", latin) if part and part.casefold() not in _FUNCTION_WORDS]
        initials = "".join(part[0] for part in parts).casefold()
        spells = len(initials) > 1 and any(w.startswith(initials) for w in words)
        expands = acronym and all(part[0].casefold() in name for part in parts)  # `MIG（多实例 GPU）`
        return not spells and not expands and not any(part.casefold() in name for part in parts)

    noted = _EXPANSION_FIRST.sub("", chinese)  # `FLOPs（Floating Point Operations，每秒…）`: its English, spelled out
    if acronym:  # `UV（紫外线消毒，把寄生虫的 DNA 打乱…）`: an acronym's definition after its Chinese may name anything
        noted = re.split("[,，]", noted, maxsplit=1)[0]
    if not any(another(latin) for latin in _LATIN_NAME.findall(noted)):
        return False
    from .chinese import word_tokens_of
    from .dictionary import supports

    return not any(supports(word, english) for word in word_tokens_of(chinese))


def reject_clauses(c: Candidate) -> Verdict | None:
    """Clauses: a bracket that opens like a sentence, `GWP（无论世界GDP是怎么算的）`, `(we think so)`, or says what the
    thing is not, `Seq Scan（不是索引扫描）`, or an
    English sentence with its verb, `“内存才是新的算力”（memory is the new compute）`: a translated
    sentence, not a term."""
    inner = strip_labels(c.inner)
    if _NOT_YET.match(simplified(inner)):
        return REJECT  # `*Eight Wins*（暂无中译本）`: what editions the thing has, not what it is called
    if _CLAUSE_OPENER.match(inner) and (_quoted_sentence_before(c) or _spelled_after(c, inner)):
        return None  # `you got to have some knowledge（你得有一些知识）`: the sentence is the gloss of the sentence
    if _KIND_DESCRIBED.match(simplified(inner)):
        return None  # `toil（那种重复、手工的运维杂活）`: "the kind of … that": a noun phrase, no clause
    if c.before_script() == "en" and _ABOUT_THE_NAME.search(simplified(inner)):
        return None  # `hairpin（因为形状像一根发夹才这么叫，…）`: why the English word is called so, an explanation
    if _NEGATION.match(inner) and not _negated_before(c):
        return REJECT  # `Using index（不是 Using where）`: what the thing is not
    if _QUESTION.search(inner) and "?" not in c.text[max(0, c.pair.open - 3) : c.pair.open]:
        return REJECT  # `break a leg（这样用对吗）`: a question about the words, where they ask nothing
    if _DEFAULT_VALUE.match(inner) and "default" not in c.text[max(0, c.pair.open - 40) : c.pair.open].casefold():
        return REJECT  # `GOGC（默认 100，…）`: the setting's default value, where the term says no `default`
    if _LOCATED.match(simplified(inner)):
        return REJECT  # `Sprocket（链接在课程主页上）`: where the thing is, a clause
    if _framed_by_place(c):
        return REJECT  # `建在 (country, city) 上的索引`: the columns it is built on, the sentence's own noun
    if _CAPITALS.fullmatch(inner.strip()):
        return None  # `世卫组织（WHO）`: an acronym, not the pronoun that opens a clause
    if (opener := _CLAUSE_OPENER.match(inner)) and _english_says(c, opener.group().strip()):
        return None  # `weight-only quantization（仅权重量化）`: the term's own word, not a comment's opening
    return REJECT if opener or _EN_SENTENCE.match(inner) else None


def _english_says(c: Candidate, chinese: str) -> bool:
    """A word of the English right before the bracket is one the dictionary translates as ``chinese`` (`only`: 仅)."""
    from .dictionary import chinese_for

    run = c.run("en") if c.before_script() == "en" else None
    words = re.findall(r"[A-Za-z]+", run.text)[-_TERM_WORDS:] if run else []
    return bool(chinese) and any(chinese in chinese_for(word) for word in words)


_TERM_WORDS = 4  # the English words before a bracket that may be its term's


def _framed_by_place(c: Candidate) -> bool:
    """在 right before the bracket and a place word right after it (上, 中, 里) frame the bracket as the object of the
    preposition: a part of the sentence, not a gloss of the word before it."""
    before, after = c.text[: c.pair.open].rstrip(), c.text[c.pair.close + 1 :].lstrip()
    return before.endswith("在") and after[:1] in _PLACE_WORDS


_PLACE_WORDS = "上中里裡内內下"
# A subject, 在 and a place with its postposition: where the thing is (`链接在课程主页上`), a clause, never its
# name (not 下, which ends verbs too: `病情在短时间内急转直下`).
_LOCATED = re.compile(r"^[^在，,。]{1,8}(?:在|位于)[^，,。]{1,20}[上里中]$")


_CAPITALS = re.compile(r"[A-Z]{2,}")


_QUESTION = re.compile(r"[吗嗎呢？?]\s*$")
_DEFAULT_VALUE = re.compile(r"^\s*(?:默认|默認|預設|预设|缺省)值?\s*(?:[是为為:：=]|\d)")
# What does not exist yet, or which editions a title has, a note on the thing, never a translation of it:
# `A Sumo Primer（暂无中译本）`, `《…Handbook》（有中譯本）` (asked of the Simplified copy).
_NOT_YET = re.compile(
    r"^\s*(?:暂无|暂时没有|尚无|还没有|目前[还尚]?(?:没有|无)|(?:有|已有|已出)(?:中译本|中文版|译本))"
)
_NEGATION = re.compile(r"^\s*(?:不是|并不是|並不是|而不是|并非|並非)")
SAYS_NOT = re.compile(r"\b(?:not|non|no|un\w+)\b", re.IGNORECASE)  # an English negation: `not`, `no`, `un-`


def _negated_before(c: Candidate) -> bool:
    """The English before the bracket may say `not` itself: a word of negation, or an acronym (`NaN（不是一个数）`)."""
    run = c.run("en") if c.before_script() == "en" else None
    if run is None or not run.text.split():
        return False
    last = run.text.split()[-1]
    return SAYS_NOT.search(run.text) is not None or sum(map(str.isupper, last)) >= 2


def _spelled_after(c: Candidate, inner: str) -> bool:
    """The acronym before the bracket is spelled by the English after its last comma: `WYSIATI（你看到的就是全部，What
    You See Is All There Is）` glosses the acronym with a clause, and names what it stands for."""
    run = c.run("en") if c.before_script() == "en" else None
    acronym = run.text.split()[-1] if run is not None and run.text.split() else ""
    tail = re.split(r"[,，]", inner)[-1]
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z][A-Za-z'’]*", tail))
    return len(acronym) >= 3 and acronym.isupper() and initials.upper() == acronym and HAN_RE.search(inner) is not None


def _quoted_sentence_before(c: Candidate) -> bool:
    """An English sentence of three words or more quoted in Chinese stands right before the bracket."""
    run = c.run("en") if not c.english_context and c.before_script() == "en" else None
    return run is not None and len(run.text.split()) >= 3 and HAN_RE.search(c.inner) is not None


def _pinyin_initials(letters: str, chinese: str) -> bool:
    """``letters`` (two to five capitals) are the initials of the readings of ``chinese``'s characters, in order."""
    letters, chinese = letters.strip(), chinese.strip()
    if not re.fullmatch(r"[A-Z]{2,5}", letters) or len(chinese) != len(letters) or not all(map(HAN_RE.match, chinese)):
        return False
    from .dictionary import readings

    return all(
        any(r[:1].upper() == letter for r in readings(char))
        for char, letter in zip(simplified(chinese), letters, strict=True)
    )


def reject_code(c: Candidate) -> Verdict | None:
    """Code: a bracket holding only inline code (``（`-Fc`）``), or code and maths left outside
    backticks or dollars (`f(x)`, `(torch.nn.Module)`, `(a = b)`), or a formula's quantities multiplied in words
    (`μAD（剪切模量 × 断层面积 × 平均滑动量）`)."""
    inside = range(c.pair.open + 1, c.pair.close)
    only_code = all(c.kinds[i] != TEXT or c.text[i].isspace() for i in inside)
    if only_code or _CODE.search(c.inner) or _PRODUCT.search(c.inner):
        return REJECT
    if c.before_script() == "en" and (run := c.run("en")) is not None and _IDENTIFIER.search(run.text):
        return REJECT
    return REJECT if _OPERAND.match(c.text, c.pair.close + 1) else None


def _last_word_alone(english: str) -> str:
    """The run's last word, unless a capital letter names one of a series with the word before it: `Party A`, `Plan
    B`, `Vitamin C` are terms (the run itself, which ``_SYMBOL`` does not take)."""
    words = english.split()
    named = len(words) > 1 and len(words[-1]) == 1 and words[-1].isupper() and _SERIES_WORD.fullmatch(words[-2])
    return english if named else words[-1]


# An entry's number in a catalogue or a series of standards: T1564.008, 800-61, 27001:2022 (not a version, `OAuth 2.1`)
_CATALOGUE_ENTRY = re.compile(r"[A-Z]{1,3}\d{3,}(?:\.\d+)*|\d+(?:[-:]\d+)+")
_SERIES_WORD = re.compile(r"[A-Z][a-z]{2,}")  # a capitalised word (`To B` is a market, `U2 R` a cube's moves)


def _extension(text: str, run: Run) -> bool:
    """The run is the extension of a file whose name is Chinese (`年份.pdf`): a Latin name is in the run already."""
    before = text[max(0, run.start - 2) : run.start]
    named = len(before) == 2 and before[1] == "." and not before[0].isascii()
    return named and _EXTENSION.fullmatch(run.text) is not None


_EXTENSION = re.compile(r"[A-Za-z0-9]{2,5}")


def reject_symbols(c: Candidate) -> Verdict | None:
    """Symbols, versions, files and combinations are not terms: `替换（S）`, `n(样本数)`, `v0.3（草稿）`,
    `uv.lock（…）`, `name@mail.com（邮件联系）`, `38B tokens（d32 模型）`, `ViT + LLM（视觉理解）` and
    `QLoRA（量化 + LoRA）`, two names
    one Chinese phrase describes together, `Ray/Dask（分布式框架）`, and a Chinese word's pinyin initials, as
    drawings and standards write them (`GL（钢梁）`, gāng liáng); a face made of marks (`(^o^)/`); a colour's code."""
    inner = strip_labels(c.inner).strip(TRIM)
    reading = _BOPOMOFO.search(inner) or is_pinyin(inner, every_syllable=True) or _NUMBERED_TONES.fullmatch(inner)
    if reading or _SYMBOL.fullmatch(inner) or _HEX_COLOUR.fullmatch(inner):
        return REJECT
    if not HAN_RE.search(inner) and len(re.findall(r"[^\W_]", inner)) < 2:
        return REJECT  # a face made of marks, `(^o^)/`, `(>_<)`: fewer than two letters or digits
    script = c.before_script()
    if script == "zh":
        run = c.run("zh")
        if run and _pinyin_initials(inner, run.text.strip()[-len(inner) :]):
            return REJECT
        described_together = run and not re.search(r"[/／、]", run.text)  # `Ray/Dask（分布式框架）`
        if not HAN_RE.search(inner) and (described_together if _NAME_PAIR.search(inner) else _NOT_A_TERM.search(inner)):
            return REJECT
        last = inner.split()[-1] if len(inner.split()) > 1 else ""
        if not HAN_RE.search(inner) and _CATALOGUE_ENTRY.fullmatch(last):
            return REJECT  # `（ATT&CK T1564.008）`, `（NIST SP 800-61）`: a catalogue's name and an entry's number
    if script == "en" and HAN_RE.search(inner) and _COMBINED.search(inner):
        return REJECT  # `QLoRA（量化 + LoRA）`: what the thing is made of, not its name
    if script == "en" and HAN_RE.search(inner):
        run = c.run("en")
        if run and run.text.split() and _pinyin_initials(run.text.split()[-1], inner):
            return REJECT
        if run and _HEX_COLOUR.fullmatch(c.text[max(0, run.start - 1) : run.end]):
            return REJECT  # `#FFF（白色）`
        if run and _extension(c.text, run):
            return REJECT  # `“姓名_岗位_年份.pdf”（HR 一天要下载几百份）`: a file's name, its English only its type
        symbol = run and any(_SYMBOL.fullmatch(text) for text in (run.text, _last_word_alone(run.text)))
        measure = run and _NOT_A_TERM.search(run.text) and not _SECTION_NUMBER.match(c.text[: run.end].lstrip(" #"))
        if run and (symbol or measure or _measured(c, run)):
            return REJECT
        if run and _NAME_PAIR.search(run.text) and not re.search(r"[/／、]", inner):
            return REJECT
    return None
