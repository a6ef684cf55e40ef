"""A 5000-digit number gives `file:line: message` in check, pack and start (issue #11, 6)."""

from __future__ import annotations

from rightsguide import cli
from tests.conftest import FRONT, ROOT, run_app, start_kiosk, write_page

HUGE = "9" * 5000


def test_check_reports_a_huge_order_with_its_line(content_copy, capsys):
    page = write_page(
        content_copy,
        "en/start-here/huge.md",
        FRONT.format(title="x").replace("order: 5", f"order: {HUGE}") + "Text.\n",
    )
    assert cli.main(["check", "--content", str(content_copy)]) == 1
    captured = capsys.readouterr()
    assert f"{page}:4: error:" in captured.out
    assert "too long" in captured.out
    assert "Traceback" not in captured.err


def test_check_reports_a_huge_number_in_locales_yaml(content_copy, capsys):
    registry = content_copy / "locales.yaml"
    registry.write_text(f"version: {HUGE}\n" + registry.read_text(encoding="utf-8"), "utf-8")
    assert cli.main(["check", "--content", str(content_copy)]) == 1
    captured = capsys.readouterr()
    assert f"{registry}:1: error: the language registry is not valid YAML" in captured.out
    assert "too long" in captured.out


def test_pack_build_and_install_report_huge_numbers(content_copy, tmp_path, capsys):
    registry = content_copy / "locales.yaml"
    registry.write_text(f"version: {HUGE}\n" + registry.read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "p.zip"
    code = cli.main(
        [
            "pack",
            "--content",
            str(content_copy),
            "build",
            "--out",
            str(out),
            "--version",
            "2026.12.02",
        ]
    )
    assert code == 1
    assert f"{registry}:1:" in capsys.readouterr().err
    config = write_page(tmp_path, "kiosk.yaml", f"idle_seconds: 60\ntrusted_keys: [{HUGE}]\n")
    code = cli.main(
        ["pack", "install", "--config", str(config), "--root", str(tmp_path / "r"), str(out)]
    )
    assert code == 1
    assert f"{config}:2:" in capsys.readouterr().err


def test_a_kiosk_with_a_huge_number_in_locales_yaml_stops_with_the_line(content_copy, tmp_path):
    registry = content_copy / "locales.yaml"
    registry.write_text(f"version: {HUGE}\n" + registry.read_text(encoding="utf-8"), "utf-8")
    done = run_app(
        "--kiosk", "--content", str(content_copy), "--screenshot", str(tmp_path / "s.png")
    )
    assert done.returncode == 1
    assert f"{registry}:1: the language registry is not valid YAML" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_kiosk_with_an_alias_bomb_in_its_configuration_stops_with_the_line(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    config = write_page(tmp_path, "kiosk.yaml", "\n".join(lines) + "\nclinic: *a8\n")
    done = start_kiosk(config, tmp_path / "s.png")
    assert done.returncode == 1
    assert f"{config}:" in done.stderr
    assert "aliases" in done.stderr or "more than" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_example_configuration_does_not_start_a_kiosk(tmp_path):
    done = start_kiosk(ROOT / "examples" / "kiosk.yaml", tmp_path / "s.png", ROOT / "content")
    assert done.returncode == 1
    assert "kiosk.yaml:8: 'exit_pin' is the example PIN 123456" in done.stderr
    assert not (tmp_path / "s.png").exists()


def test_a_kiosk_whose_clinic_file_is_missing_names_the_clinic_line(tmp_path):
    config = write_page(tmp_path, "kiosk.yaml", "idle_seconds: 60\nclinic: clinc.yaml\n")
    done = start_kiosk(config, tmp_path / "s.png")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"rightsguide: {config}:2: the clinic file {tmp_path / 'clinc.yaml'} does not exist: "
        "correct the name after 'clinic:'"
    )
    assert ":0:" not in done.stderr
    assert not (tmp_path / "s.png").exists()
