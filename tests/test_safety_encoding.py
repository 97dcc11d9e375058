"""Short GBK texts are read as GBK, short Big5 texts as Big5 (statistical
detection misreads them, or gives up, on a few dozen bytes)."""
import pytest

from factcheck.readers import ReadError, read_path
from factcheck.readers.encoding import decode

GBK = ["脱贫愿景。", "“贫困帽子”。", "“清零”。", "关会议，构建“1+17”的工作格局，接", "求实,“1×5”互助帮扶。",
       "因贫对症施策，围绕省“1+N”政策，", "85 / 投稿邮箱:cnfarmer@yeah.net", "今年全县脱贫人口达到一万二千人。",
       "会议由县委书记主持。", "全区"]
BIG5 = ["脫貧願景。", "“貧困帽子”。", "“清零”。", "關會議，構建“1+17”的工作格局，接", "求實,“1×5”互助幫扶。",
        "85 / 投稿郵箱:cnfarmer@yeah.net", "全區", "機制。", "臺灣與香港的報導。", "會議由縣委書記主持。"]


@pytest.mark.parametrize("text", GBK)
def test_short_gbk_is_read_as_gbk(text):
    assert decode(text.encode("gbk")) == (text, "gb18030")


@pytest.mark.parametrize("text", BIG5)
def test_short_big5_is_read_as_big5(text):
    assert decode(text.encode("big5")) == (text, "big5")


def test_long_texts_and_latin_text_as_before(tmp_path):
    text = "累计实现7001户12736人稳定脱贫，53个贫困村出列。举全县之力。" * 50
    assert decode(text.encode("gbk")) == (text, "gb18030")
    path = tmp_path / "latin.txt"
    path.write_bytes("Résumé of the café, naïve façade. ".encode("cp1252") * 20)
    assert isinstance(read_path(str(path)), ReadError)
