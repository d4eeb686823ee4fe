//! The `parkscore` command line: a thin shell over the core crate.

fn main() {
    println!("parkscore — 赤峰市工业园区综合发展评价考核");
}
