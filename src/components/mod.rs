//! The view, one component per file. Components receive data and typed callbacks, never the
//! state handle; they hold no logic beyond presentation.

pub mod analysis_panel;
pub mod analysis_params;
pub mod awards;
pub mod change_log;
pub mod data_grid;
pub mod drop_zone;
pub mod export_bar;
pub mod file_bar;
pub mod files_panel;
pub mod group_chart;
pub mod issues_panel;
pub mod landing;
pub mod merge_panel;
pub mod move_up_panel;
pub mod park_detail;
pub mod print_doc;
pub mod print_internal;
pub mod print_park_sheets;
pub mod print_publicity;
pub mod print_report;
pub mod ranking_table;
pub mod reading_banner;
pub mod readings_table;
pub mod reports_panel;
pub mod round_form;
pub mod setting_effect;
pub mod settings;
pub mod slope_chart;
pub mod source_info;
pub mod stability_map;
pub mod tabs;
pub mod tornado_chart;
pub mod totals_chart;
pub mod vetoed_list;
pub mod what_if_panel;
