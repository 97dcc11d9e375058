"""A gazetteer file named in the configuration adds places (towns, villages) and what
holds them; part-exceeds-region reads it; a bad file is a configuration error."""
from click.testing import CliRunner

from factcheck.cli import main

PLACES = '[places]\n"红日村" = "东胜乡"\n"东胜乡" = { parent = "洮北区", level = "township" }\n'
VILLAGE = "截至2018年底，红日村建档立卡贫困户520户，已全部脱贫。\n"
DISTRICT = "洮北区召开总结会议。截至2018年底，洮北区建档立卡贫困户310户。\n"


def run(folder, *args):
    import os

    old = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_a_village_of_the_users_gazetteer_is_compared_with_its_district(tmp_path):
    (tmp_path / "village.txt").write_text(VILLAGE, encoding="utf-8")
    (tmp_path / "district.txt").write_text(DISTRICT, encoding="utf-8")
    assert run(tmp_path, "check", "village.txt", "district.txt", "--format", "concise").exit_code == 0
    (tmp_path / "places.toml").write_text(PLACES, encoding="utf-8")
    (tmp_path / "setup.cfg").write_text("[factcheck]\ngazetteer = places.toml\n", encoding="utf-8")
    result = run(tmp_path, "check", "village.txt", "district.txt", "--format", "concise")
    assert result.exit_code == 1 and "X104" in result.output and "红日村的“520户”大于所属洮北区" in result.output
    assert "2 places" in run(tmp_path, "check", "village.txt", "--show-config").output


def test_a_bad_gazetteer_file_is_a_configuration_error(tmp_path):
    (tmp_path / "village.txt").write_text(VILLAGE, encoding="utf-8")
    (tmp_path / "setup.cfg").write_text("[factcheck]\ngazetteer = places.toml\n", encoding="utf-8")
    missing = run(tmp_path, "check", "village.txt")
    assert missing.exit_code == 2 and "places.toml" in missing.output
    (tmp_path / "places.toml").write_text('[places]\n"红日村" = { level = "hamlet" }\n', encoding="utf-8")
    wrong = run(tmp_path, "check", "village.txt")
    assert wrong.exit_code == 2 and "红日村" in wrong.output and "level" in wrong.output
