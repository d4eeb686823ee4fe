//! The built-in sample: a fictional dataset (示例数据，非真实统计) for the 14 evaluated units.
