/* test_numbers — number verbalizers against a table of cases (Northern and Southern). */
#include "check.h"
#include "numbers.h"

static const struct { const char *in, *north, *south; } CASES[] = {
    {"0", "không", "không"},
    {"15", "mười lăm", "mười lăm"},
    {"21", "hai mươi mốt", "hai mươi mốt"},
    {"24", "hai mươi tư", "hai mươi tư"},
    {"25", "hai mươi lăm", "hai mươi lăm"},
    {"14", "mười bốn", "mười bốn"},
    {"105", "một trăm linh năm", "một trăm lẻ năm"},
    {"110", "một trăm mười", "một trăm mười"},
    {"2021", "hai nghìn không trăm hai mươi mốt", "hai ngàn không trăm hai mươi mốt"},
    {"1500000", "một triệu năm trăm nghìn", "một triệu năm trăm ngàn"},
    {"1000000000000", "một nghìn tỷ", "một ngàn tỷ"},
    {"1000000000000000000", "một tỷ tỷ", "một tỷ tỷ"},
    {"1000001", "một triệu linh một", "một triệu lẻ một"},
    {"1001001101", "một tỷ một triệu một nghìn một trăm linh một", "một tỷ một triệu một ngàn một trăm lẻ một"},
    {"007", "bảy", "bảy"},
    {"13232", "mười ba nghìn hai trăm ba mươi hai", "mười ba ngàn hai trăm ba mươi hai"},
};

int main(void)
{
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        strbuf n = {0}, s = {0};
        num_cardinal(CASES[i].in, strlen(CASES[i].in), DIALECT_NORTH, &n);
        num_cardinal(CASES[i].in, strlen(CASES[i].in), DIALECT_SOUTH, &s);
        CHECK_STR(strbuf_str(&n), CASES[i].north, CASES[i].in);
        CHECK_STR(strbuf_str(&s), CASES[i].south, CASES[i].in);
        strbuf_free(&n);
        strbuf_free(&s);
    }
    strbuf b = {0};
    num_fraction_digits("05", 2, DIALECT_NORTH, &b);
    CHECK_STR(strbuf_str(&b), "không năm", "0,05 after the comma");
    strbuf_clear(&b);
    num_fraction_digits("93", 2, DIALECT_NORTH, &b);
    CHECK_STR(strbuf_str(&b), "chín mươi ba", "6,93 after the comma");
    strbuf_clear(&b);
    num_month(4, DIALECT_NORTH, &b);
    CHECK_STR(strbuf_str(&b), "tư", "month 4");
    strbuf_clear(&b);
    num_ordinal("1", 1, DIALECT_NORTH, &b);
    CHECK_STR(strbuf_str(&b), "nhất", "ordinal 1");
    strbuf_free(&b);
    CHECK(num_roman_value("XIII", 4) == 13, "XIII");
    CHECK(num_roman_value("xxi", 3) == 21, "xxi");
    CHECK(num_roman_value("MCMXCIX", 7) == 1999, "MCMXCIX");
    CHECK(num_roman_value("IIII", 4) == 0, "IIII is not well formed");
    CHECK(num_roman_value("VX", 2) == 0, "VX is not well formed");
    CHECK(num_roman_value("MIX", 3) == 1009, "MIX is 1009");
    CHECK(num_cardinal("12a", 3, DIALECT_NORTH, &b) == -1, "not digits is an error");
    strbuf_free(&b);
    return check_done();
}
