//! Unit tests of the SVG drawing: every kind and layout, text, labels and awkward data.

use super::super::model::{Point, Series};
use super::xy_draw::bar_groups;
use super::*;

fn point(x: f64, y: f64) -> Point {
    Point { x, y, label: None }
}

fn series(name: &str, ys: &[f64]) -> Series {
    Series {
        name: name.into(),
        tone: None,
        points: ys
            .iter()
            .enumerate()
            .map(|(i, &y)| point(i as f64, y))
            .collect(),
    }
}

fn chart(kind: ChartKind) -> Chart {
    Chart {
        kind,
        title: "成本与进度".into(),
        description: "每月计划值与挣值。".into(),
        x_label: "月份".into(),
        y_label: "金额".into(),
        x: XAxis::Categories(vec!["一月".into(), "二月".into(), "三月".into()]),
        series: vec![
            series("计划值", &[1.0, 2.5, 4.0]),
            series("EV", &[0.8, 2.0, 3.1]),
        ],
        rules: vec![Rule {
            horizontal: true,
            value: 4.5,
            label: "BAC".into(),
        }],
        heatmap: None,
    }
}

fn heatmap_chart() -> Chart {
    Chart {
        kind: ChartKind::Heatmap,
        x: XAxis::Numeric,
        series: Vec::new(),
        rules: Vec::new(),
        heatmap: Some(Heatmap {
            rows: vec!["高".into(), "低".into()],
            cols: vec!["小".into(), "大".into()],
            values: vec![vec![0.0, 3.0], vec![1.0, 0.0]],
            weights: vec![vec![2.0, 4.0], vec![1.0, 2.0]],
        }),
        ..chart(ChartKind::Heatmap)
    }
}

fn sample(kind: ChartKind) -> Chart {
    if kind == ChartKind::Heatmap {
        heatmap_chart()
    } else {
        chart(kind)
    }
}

/// Parses the whole document; panics with the position of the first XML error.
fn assert_well_formed(svg: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                    assert_eq!(e.name().as_ref(), "svg");
                }
                depth += 1;
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not XML at {}: {e}\n{svg}", reader.error_position()),
        }
    }
    assert_eq!((depth, roots), (0, 1), "{svg}");
}

fn render_ok(chart: &Chart) -> String {
    let svg = render(chart, "c1").expect("renders");
    assert_well_formed(&svg);
    svg
}

#[test]
fn every_kind_is_drawn_in_every_layout_at_its_width() {
    for kind in ChartKind::ALL {
        for layout in Layout::ALL {
            let svg = render_as(&sample(kind), "a", layout, &palette::Palette::default()).unwrap();
            assert_well_formed(&svg);
            let width = if kind == ChartKind::Heatmap {
                layout.heatmap_width()
            } else {
                layout.size().0
            };
            assert!(svg.contains(&format!("viewBox=\"0 0 {width} ")), "{kind:?}");
            assert!(svg.contains(&format!(" {}\"", layout.class())), "{kind:?}");
        }
    }
}

#[test]
fn every_kind_renders_well_formed_svg() {
    for kind in ChartKind::ALL {
        let svg = render_ok(&sample(kind));
        assert!(svg.contains("<text "), "{kind:?} has no text");
        assert!(!svg.contains(SIZE_TAG), "{kind:?} kept a size tag");
        assert!(!svg.contains("opacity=\"1\""), "{kind:?}");
    }
}

#[test]
fn header_is_accessible_and_responsive() {
    let svg = render_ok(&chart(ChartKind::Line));
    let mut lines = svg.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.contains("viewBox=\"0 0 720 400\""), "{header}");
    assert!(header.contains("width=\"100%\""));
    assert!(!header.contains("height="));
    assert!(header.contains("role=\"img\""));
    assert!(header.contains("aria-labelledby=\"c1-title c1-desc\""));
    assert!(header.contains("font-family=\"system-ui,"));
    assert_eq!(
        lines.next(),
        Some("<title id=\"c1-title\">成本与进度</title>")
    );
    assert_eq!(
        lines.next(),
        Some("<desc id=\"c1-desc\">每月计划值与挣值。</desc>")
    );
}

#[test]
fn series_names_and_chinese_categories_are_real_text() {
    let svg = render_ok(&chart(ChartKind::Bar));
    for text in ["计划值", "EV", "一月", "三月", "月份", "金额", "BAC"] {
        assert!(svg.contains(&format!(">{text}</text>")), "{text} missing");
    }
    assert!(
        svg.contains("transform=\"rotate(270,"),
        "y title is rotated"
    );
    assert!(svg.contains("stroke-dasharray=\"6 4\""), "rules are dashed");
}

#[test]
fn colours_are_plain_attributes_from_the_theme() {
    let svg = render_ok(&chart(ChartKind::Line));
    assert!(svg.contains("stroke=\"#1F5E99\""));
    assert!(svg.contains("stroke=\"#E08A00\""));
    assert!(!svg.contains("var(--"));
}

#[test]
fn text_is_escaped() {
    let mut c = chart(ChartKind::Line);
    c.title = "R&D <预算> \"Q1\"".into();
    c.description = "a\u{1}b".into();
    c.series[0].name = "A & B".into();
    let svg = render(&c, "x\"y").expect("renders");
    assert_well_formed(&svg);
    assert!(svg.contains("R&amp;D &lt;预算&gt; &quot;Q1&quot;"));
    assert!(svg.contains(">A &amp; B</text>"));
    assert!(svg.contains("<desc id=\"x&quot;y-desc\">a b</desc>"));
}

#[test]
fn renders_are_byte_identical() {
    for kind in ChartKind::ALL {
        let c = sample(kind);
        assert_eq!(render(&c, "a"), render(&c, "a"), "{kind:?}");
    }
}

#[test]
fn awkward_data_never_panics() {
    let awkward: Vec<Vec<Series>> = vec![
        vec![],
        vec![series("空", &[])],
        vec![series("一点", &[3.0])],
        vec![series("零", &[0.0, 0.0])],
        vec![series("相等", &[7.0, 7.0, 7.0])],
        vec![
            series("负", &[-5.0, -1.0, -3.0]),
            series("混合", &[2.0, -2.0, 0.5]),
        ],
        vec![series(
            "非数",
            &[f64::NAN, f64::INFINITY, 2.0, f64::NEG_INFINITY],
        )],
        vec![series("巨大", &[1e300, -1e300, 1e14, 5.0])],
        vec![series("", &[1e-9, 2e-9, 3e-9])],
    ];
    let axes = [
        XAxis::Numeric,
        XAxis::Categories(vec![]),
        XAxis::Categories(vec!["唯一".into()]),
        XAxis::Categories((0..40).map(|i| format!("第{i}周")).collect()),
    ];
    for kind in ChartKind::ALL {
        for data in &awkward {
            for x in &axes {
                let mut c = chart(kind);
                c.series = data.clone();
                c.x = x.clone();
                c.rules.push(Rule {
                    horizontal: false,
                    value: f64::NAN,
                    label: "\n".into(),
                });
                render_ok(&c);
            }
        }
    }
}

#[test]
fn awkward_heatmaps_never_panic() {
    let maps = [
        None,
        Some(Heatmap {
            rows: vec![],
            cols: vec![],
            values: vec![],
            weights: vec![],
        }),
        Some(Heatmap {
            rows: vec!["a".into()],
            cols: vec![],
            values: vec![vec![1.0, f64::NAN, 2.0], vec![]],
            weights: vec![vec![f64::INFINITY]],
        }),
        Some(Heatmap {
            rows: vec![],
            cols: vec!["x".into(), "y".into()],
            values: vec![],
            weights: vec![vec![1.0, 1.0]],
        }),
    ];
    for map in maps {
        let mut c = heatmap_chart();
        c.heatmap = map;
        render_ok(&c);
    }
}

#[test]
fn heatmap_greys_empty_cells_and_ranks_by_weight() {
    let cells = heat_cells(heatmap_chart().heatmap.as_ref().unwrap());
    assert_eq!(cells[0][0].fill, palette::EMPTY_CELL);
    assert_eq!(cells[0][0].text, "");
    assert_eq!(cells[0][1].fill, palette::RAG_RED);
    assert_eq!(cells[0][1].text, "3");
    assert_eq!(cells[1][0].fill, palette::RAG_GREEN);
    let svg = render_ok(&heatmap_chart());
    assert!(svg.contains(">3</text>"));
    assert!(svg.contains(">高</text>") && svg.contains(">大</text>"));
}

#[test]
fn zero_is_on_the_axis_of_bars_and_areas() {
    let lines = prepare_lines(
        &Chart {
            series: vec![series("a", &[5.0, 10.0])],
            rules: vec![],
            ..chart(ChartKind::Bar)
        },
        &palette::Palette::default(),
    );
    for kind in [ChartKind::Bar, ChartKind::StackedBar, ChartKind::Area] {
        let c = Chart {
            rules: vec![],
            ..chart(kind)
        };
        let span = y_span(&c, &lines);
        assert_eq!(span.lo, 0.0, "{kind:?}");
        assert!((span.hi - 10.5).abs() < 1e-9, "{kind:?}: {span:?}");
    }
    let line = Chart {
        rules: vec![],
        ..chart(ChartKind::Line)
    };
    let span = y_span(&line, &lines);
    assert!(span.lo > 4.0 && span.lo < 5.0, "{span:?}");
}

#[test]
fn y_span_covers_rules_and_stack_totals() {
    let c = Chart {
        series: vec![series("a", &[3.0, -2.0]), series("b", &[4.0, -1.0])],
        ..chart(ChartKind::StackedBar)
    };
    let span = y_span(&c, &prepare_lines(&c, &palette::Palette::default()));
    assert!(span.hi >= 7.0 && span.lo <= -3.0, "{span:?}");
    let c = Chart {
        rules: vec![Rule {
            horizontal: true,
            value: 100.0,
            label: String::new(),
        }],
        ..chart(ChartKind::Line)
    };
    assert!(y_span(&c, &prepare_lines(&c, &palette::Palette::default())).hi >= 100.0);
}

/// One project at CPI 0.99 and SPI 0.985 beside the 1.0 lines was drawn on axes from
/// 0.985 to 1.0: a 1 % slip filled the chart. A scatter keeps a fifth of a reference
/// line's value in view either side of it; a line chart's BAC rule adds no room.
#[test]
fn a_scatter_shows_its_reference_lines_with_room_around_them() {
    let rule = |horizontal| Rule {
        horizontal,
        value: 1.0,
        label: "1.0".into(),
    };
    let c = Chart {
        x: XAxis::Numeric,
        series: vec![Series {
            name: "项目".into(),
            tone: None,
            points: vec![point(0.99, 0.985)],
        }],
        rules: vec![rule(true), rule(false)],
        ..chart(ChartKind::Scatter)
    };
    let lines = prepare_lines(&c, &palette::Palette::default());
    let (x, y) = (x_span(&c, &lines, &[], 1.0), y_span(&c, &lines));
    for span in [x, y] {
        assert!(span.lo <= 0.8 && span.hi >= 1.2, "{span:?}");
    }
    let c = Chart {
        rules: vec![Rule {
            horizontal: true,
            value: 100.0,
            label: String::new(),
        }],
        series: vec![series("EV", &[99.0, 99.5, 100.0])],
        ..chart(ChartKind::Line)
    };
    let y = y_span(&c, &prepare_lines(&c, &palette::Palette::default()));
    assert!(y.lo > 98.0 && y.hi < 102.0, "{y:?}");
}

#[test]
fn ticks_are_round_and_bounded() {
    let t = nice_ticks(Span { lo: 0.0, hi: 10.5 }, 6, false);
    assert_eq!(t.values, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    let t = nice_ticks(Span { lo: 0.83, hi: 1.07 }, 6, false);
    assert_eq!(tick_labels(&t), ["0.85", "0.90", "0.95", "1.00", "1.05"]);
    let huge = Span {
        lo: -1e308,
        hi: 1e308,
    };
    assert!(nice_ticks(huge, 6, false).values.len() <= 100);
    let t = nice_ticks(Span { lo: 1.0, hi: 1.0 }, 6, false);
    assert_eq!(t.values, vec![1.0]);
}

#[test]
fn whole_axes_have_whole_ticks() {
    let t = nice_ticks(
        Span {
            lo: 2020.6,
            hi: 2024.4,
        },
        8,
        true,
    );
    assert_eq!(tick_labels(&t), ["2021", "2022", "2023", "2024"]);
    assert!(all_whole([1.0, -3.0, 2024.0]));
    assert!(!all_whole([1.0, 2.5]));
    assert!(!all_whole([]));
}

#[test]
fn numbers_are_compact() {
    let compact = NumberStyle::for_values(&[0.0, 3_200_000.0]);
    assert_eq!(format_tick(3_200_000.0, 200_000.0, compact), "3.2M");
    assert_eq!(format_tick(850_000.0, 50_000.0, compact), "850K");
    assert_eq!(format_tick(1_250_000.0, 250_000.0, compact), "1.25M");
    assert_eq!(format_tick(2e9, 5e8, compact), "2.0B");
    assert_eq!(format_tick(0.0, 500_000.0, compact), "0");
    let grouped = NumberStyle::for_values(&[320_000.0]);
    assert_eq!(format_tick(320_000.0, 20_000.0, grouped), "320,000");
    assert_eq!(format_tick(-1234.5, 0.5, grouped), "-1,234.5");
    let plain = NumberStyle::for_values(&[2024.0]);
    assert_eq!(format_tick(2024.0, 1.0, plain), "2024");
    assert_eq!(format_tick(0.1 + 0.2, 0.1, plain), "0.3");
    assert_eq!(format_tick(-0.0, 1.0, plain), "0");
    assert_eq!(format_tick(-0.001, 0.5, plain), "0.0");
    assert_eq!(format_number(12.0, 2, true), "12");
    assert_eq!(format_number(0.126, 2, true), "0.13");
}

#[test]
fn category_labels_skip_but_keep_the_ends() {
    let font = Font::new(TICK_PX, palette::MUTED);
    let many: Vec<String> = (0..30).map(|i| format!("2024-{i:02}")).collect();
    let shown = category_labels(&many, 20.0, font, 150.0);
    assert_eq!(shown.first().map(|l| l.x), Some(0.0));
    assert_eq!(shown.last().map(|l| l.x), Some(29.0));
    assert!(shown.len() <= 13, "{}", shown.len());
    assert!(shown.iter().all(|l| l.row == 0));
    for pair in shown.windows(2) {
        let apart = (pair[1].x - pair[0].x) * 20.0;
        let needed = (font.width(&pair[0].text) + font.width(&pair[1].text)) / 2.0;
        assert!(apart >= needed, "{shown:?}");
    }
    let few = ["一月".to_string(), "二月".to_string(), "三月".to_string()];
    let shown = category_labels(&few, 200.0, font, 150.0);
    assert_eq!(shown.len(), 3);
    assert!(shown.iter().all(|l| l.row == 0));
}

#[test]
fn a_few_long_categories_stagger_on_two_rows() {
    let font = Font::new(TICK_PX, palette::MUTED);
    let names: Vec<String> = (0..9).map(|i| format!("第{i}个里程碑评审")).collect();
    let shown = category_labels(&names, 75.0, font, 150.0);
    assert_eq!(shown.len(), 9);
    assert_eq!(
        shown.iter().map(|l| l.row).collect::<Vec<_>>(),
        [0, 1, 0, 1, 0, 1, 0, 1, 0]
    );
    for l in &shown {
        assert!(font.width(&l.text) <= 140.0, "{l:?}");
    }
    assert!(category_labels(&[], 75.0, font, 150.0).is_empty());
}

#[test]
fn sparse_bar_groups_hold_only_present_series() {
    let a = Line {
        name: "a".into(),
        color: palette::Palette::default().series(0),
        points: vec![Pt {
            x: 0.0,
            y: 1.0,
            label: String::new(),
        }],
    };
    let b = Line {
        name: "b".into(),
        color: palette::Palette::default().series(1),
        points: vec![
            Pt {
                x: 1.0,
                y: 2.0,
                label: String::new(),
            },
            Pt {
                x: 0.0,
                y: 3.0,
                label: String::new(),
            },
        ],
    };
    assert_eq!(
        bar_groups(&[a, b]),
        vec![(0.0, vec![(0, 1.0), (1, 3.0)]), (1.0, vec![(1, 2.0)])]
    );
}

#[test]
fn legend_wraps_into_rows() {
    let lines: Vec<Line> = (0..12)
        .map(|i| Line {
            name: format!("项目组合第{i}号系列"),
            color: palette::Palette::default().series(i),
            points: Vec::new(),
        })
        .collect();
    let (entries, rows) = place_legend(&lines, 60, 700);
    assert_eq!(entries.len(), 12);
    assert!(rows > 1);
    let font = Font::new(LEGEND_PX, palette::FG);
    for e in &entries {
        let end = e.x + SWATCH + 6 + font.width(&e.name) as i32;
        assert!(e.x >= 60 && end <= 700, "{e:?}");
    }
    let svg = render_ok(&Chart {
        series: lines.iter().map(|l| series(&l.name, &[1.0, 2.0])).collect(),
        ..chart(ChartKind::Line)
    });
    assert!(
        !svg.contains("viewBox=\"0 0 720 400\""),
        "taller with more rows"
    );
}

#[test]
fn point_labels_avoid_each_other() {
    let frame = Rect::new(0.0, 0.0, 500.0, 300.0);
    let font = Font::new(POINT_LABEL_PX, palette::FG);
    let first = place_point_label((100, 100), 60.0, font, frame, &[]).unwrap();
    let second = place_point_label((100, 104), 60.0, font, frame, &[first.rect]).unwrap();
    assert!(!first.rect.overlaps(&second.rect));
    let edge = place_point_label((495, 100), 60.0, font, frame, &[]).unwrap();
    assert!(edge.rect.inside(&frame));
    // Hemmed in on every side (the scatter: a rule label to the left, the
    // plot's edge to the right and top, a label below): no spot, no label drawn over
    // another.
    let around = [
        Rect::new(0.0, 0.0, 500.0, 96.0),
        Rect::new(0.0, 104.0, 500.0, 300.0),
        Rect::new(0.0, 0.0, 98.0, 300.0),
        Rect::new(102.0, 0.0, 500.0, 300.0),
    ];
    assert!(place_point_label((100, 100), 60.0, font, frame, &around).is_none());
}

#[test]
fn scatter_shows_point_labels() {
    let mut c = chart(ChartKind::Scatter);
    c.x = XAxis::Numeric;
    c.series = vec![Series {
        name: "项目".into(),
        tone: None,
        points: vec![
            Point {
                x: 0.9,
                y: 1.1,
                label: Some("数据中台".into()),
            },
            Point {
                x: 1.1,
                y: 0.8,
                label: Some("ERP".into()),
            },
        ],
    }];
    let svg = render_ok(&c);
    assert!(svg.contains(">数据中台</text>") && svg.contains(">ERP</text>"));
    // One set of points has no legend repeating the series name.
    assert!(!svg.contains(">项目</text>"), "{svg}");
    assert!(XyPlan::new(&c, Layout::Wide, &palette::Palette::default())
        .legend
        .is_empty());
    c.series.push(Series {
        name: "其他".into(),
        tone: None,
        points: vec![Point {
            x: 1.0,
            y: 1.0,
            label: None,
        }],
    });
    assert_eq!(
        XyPlan::new(&c, Layout::Wide, &palette::Palette::default())
            .legend
            .len(),
        2
    );
}

#[test]
fn tidy_text_sets_the_intended_size() {
    let tag = "<text x=\"1\" y=\"2\" dy=\"0.5ex\" text-anchor=\"end\" \
               font-family=\"pmo-size-13\" font-size=\"10.483870967741936\" \
               opacity=\"1\" fill=\"#5A6675\">";
    assert_eq!(
        tidy_text(tag),
        "<text x=\"1\" y=\"2\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"13\" \
         fill=\"#5A6675\">"
    );
}
