#pragma once
// An exam's final report as the trainee and the examiner read it: a text table (CLI), JSON
// (tools; each scenario's full score report nested) and a self-contained HTML page. Written
// only from a finished exam (ExamRun::final_report), so nothing here can unseal results early.
#include <string>

#include "core/exam/exam_run.hpp"

namespace fluorosim {

std::string exam_report_text(const ExamReport& report);
std::string exam_report_json(const ExamReport& report);  // pretty-printed, 2-space indent
std::string exam_report_html(const ExamReport& report);
// The plan of a sitting before it starts: scenario, patient seed and limit per line.
std::string exam_plan_text(const ExamRun& run);

}  // namespace fluorosim
