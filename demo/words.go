package demo

// word is a Chinese word with the pinyin used to derive email addresses.
type word struct{ zh, py string }

var surnames = []word{
	{"张", "zhang"}, {"王", "wang"}, {"李", "li"}, {"赵", "zhao"}, {"刘", "liu"},
	{"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"}, {"周", "zhou"}, {"吴", "wu"},
	{"徐", "xu"}, {"孙", "sun"}, {"马", "ma"}, {"朱", "zhu"}, {"胡", "hu"},
	{"郭", "guo"}, {"何", "he"}, {"林", "lin"}, {"高", "gao"}, {"罗", "luo"},
	{"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"}, {"宋", "song"}, {"唐", "tang"},
	{"许", "xu"}, {"邓", "deng"}, {"冯", "feng"}, {"韩", "han"}, {"曹", "cao"},
}

var givenNames = []word{
	{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"},
	{"丽", "li"}, {"强", "qiang"}, {"磊", "lei"}, {"洋", "yang"}, {"艳", "yan"},
	{"勇", "yong"}, {"军", "jun"}, {"杰", "jie"}, {"娟", "juan"}, {"涛", "tao"},
	{"明", "ming"}, {"超", "chao"}, {"秀英", "xiuying"}, {"霞", "xia"}, {"平", "ping"},
	{"刚", "gang"}, {"桂英", "guiying"}, {"建华", "jianhua"}, {"晓东", "xiaodong"}, {"志强", "zhiqiang"},
	{"海燕", "haiyan"}, {"婷", "ting"}, {"浩", "hao"}, {"雪梅", "xuemei"}, {"宇航", "yuhang"},
	{"子涵", "zihan"}, {"思远", "siyuan"}, {"佳怡", "jiayi"}, {"文博", "wenbo"}, {"欣然", "xinran"},
}

// cities per sales region; a customer's region is its city.
var regionCities = map[string][]word{
	"华东": {{"上海", "sh"}, {"杭州", "hz"}, {"南京", "nj"}, {"苏州", "sz"}, {"宁波", "nb"}, {"合肥", "hf"}, {"无锡", "wx"}},
	"华南": {{"广州", "gz"}, {"深圳", "szx"}, {"厦门", "xm"}, {"福州", "fz"}, {"东莞", "dg"}, {"佛山", "fs"}},
}

var brands = []word{
	{"华信", "huaxin"}, {"恒通", "hengtong"}, {"宏达", "hongda"}, {"金桥", "jinqiao"}, {"瑞丰", "ruifeng"},
	{"中联", "zhonglian"}, {"天成", "tiancheng"}, {"博远", "boyuan"}, {"鑫源", "xinyuan"}, {"嘉和", "jiahe"},
	{"永盛", "yongsheng"}, {"东方", "dongfang"}, {"新锐", "xinrui"}, {"卓越", "zhuoyue"}, {"汇丰", "huifeng"},
	{"诚达", "chengda"}, {"明辉", "minghui"}, {"海润", "hairun"}, {"星辰", "xingchen"}, {"安泰", "antai"},
	{"盛世", "shengshi"}, {"德邦", "debang"}, {"九州", "jiuzhou"}, {"长青", "changqing"}, {"万达", "wanda"},
	{"锦程", "jincheng"}, {"远航", "yuanhang"}, {"正泰", "zhengtai"}, {"同创", "tongchuang"}, {"智源", "zhiyuan"},
	{"创新", "chuangxin"}, {"蓝海", "lanhai"}, {"凯旋", "kaixuan"}, {"百川", "baichuan"}, {"力拓", "lituo"},
	{"云帆", "yunfan"}, {"晨光", "chenguang"}, {"捷达", "jieda"}, {"国泰", "guotai"}, {"信达", "xinda"},
	{"鼎盛", "dingsheng"}, {"和谐", "hexie"}, {"融通", "rongtong"}, {"泰和", "taihe"}, {"天宇", "tianyu"},
	{"华泰", "huatai"}, {"润泽", "runze"}, {"荣昌", "rongchang"}, {"美亚", "meiya"}, {"富达", "fuda"},
}

// industry name and the word it puts into company names.
var industries = []struct{ name, word, py string }{
	{"制造业", "机械制造", "jixie"}, {"零售", "商贸", "shangmao"}, {"金融", "投资", "touzi"},
	{"医疗", "医疗器械", "yiliao"}, {"教育", "教育科技", "jiaoyu"}, {"物流", "物流", "wuliu"},
	{"互联网", "网络科技", "tech"}, {"房地产", "置业", "zhiye"}, {"能源", "新能源", "energy"},
	{"软件", "信息技术", "it"}, {"食品", "食品", "food"}, {"化工", "化工", "chem"},
}

var companySuffixes = []string{"有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司"}

var englishCompanies = []string{
	"Acme Trading Co., Ltd.", "Pacific Rim Logistics Ltd.", "Northwind Components Inc.",
	"Blue Harbor Foods Ltd.", "Silverline Medical Devices", "Evergreen Packaging Co.",
	"Summit Analytics Ltd.", "Lotus Bay Electronics", "Orient Gate Capital",
	"Jade River Textiles Co.", "Redwood Software Asia", "Harbor Point Chemicals",
	"Golden Sail Shipping Ltd.", "Crescent Retail Group", "Polaris Energy Systems",
}

var englishContacts = []string{
	"David Chen", "Emily Wong", "Michael Lee", "Sarah Lin", "James Liu", "Grace Ho",
	"Kevin Zhang", "Anna Wu", "Peter Huang", "Lucy Tan",
}

var sources = []string{"官网咨询", "展会", "老客户推荐", "电话营销", "合作伙伴", "搜索推广", "微信公众号"}

// product name and its price band in whole yuan.
var products = []struct {
	name     string
	min, max int64
}{
	{"CRM 标准版", 5000, 60000},
	{"CRM 专业版", 30000, 180000},
	{"数据中台", 120000, 450000},
	{"实施服务", 20000, 150000},
	{"年度维保", 8000, 50000},
	{"培训服务", 5000, 30000},
}

// seasonPct scales deal volume and size by calendar month: the Spring
// Festival trough, the June push and the year-end peak.
var seasonPct = [13]int64{0, 90, 60, 100, 100, 105, 120, 95, 95, 105, 90, 110, 135}

var followupContent = map[string][]string{
	"development": {"初次电话沟通，了解客户业务", "展会结识，交换名片并介绍产品", "客户官网留言，回电确认需求", "上门拜访，介绍公司与方案"},
	"follow_up":   {"演示产品功能", "发送报价单", "讨论实施方案与周期", "与客户IT部门技术交流", "跟进报价反馈", "邀请客户参观样板客户"},
	"contract":    {"合同条款谈判", "确认合同与付款方式", "合同盖章寄回"},
	"after_sales": {"交付验收回访", "使用情况回访", "培训安排确认", "续费提醒与需求了解"},
}

var followupResults = map[string][]string{
	"development": {"客户有初步意向", "需进一步沟通", "暂无需求，保持联系", "约定下次演示"},
	"follow_up":   {"客户认可方案", "客户要求调整报价", "等待客户内部审批", "客户对比竞品中", "需求已确认"},
	"contract":    {"已签约", "合同流转中", "客户确认签约"},
	"after_sales": {"客户满意", "提出改进建议", "已解决使用问题", "有续费意向"},
}

var surveyComments = map[int][]string{
	1: {"响应太慢，问题一直没解决", "非常失望"},
	2: {"服务态度一般", "交付延期", "承诺的功能没有兑现"},
	3: {"还行", "价格偏高", "培训不够"},
	4: {"整体满意", "响应及时", "产品好用"},
	5: {"非常满意", "服务专业，推荐", "销售很负责"},
}
