from cooperation.steering.diff import word_diff


def test_word_level_diff_marks_what_changed():
    html = word_diff("Samarbetet gäller skola och kultur.", "Samarbetet gäller skola, klimat och kultur.")
    assert html.startswith("Samarbetet gäller skola")
    assert "<ins>" in html and "klimat" in html
    assert "<del>" not in html


def test_diff_escapes_html():
    html = word_diff("a <b>", "a <script>")
    assert "<script>" not in html
    assert "&lt;" in html and "&gt;" in html
