#pragma once
namespace fluorosim::render {
// Route KHR_debug messages of the current (debug) context to the log: errors as errors,
// performance and portability notes as warnings, the rest as debug lines.
void enable_gl_debug_output();
}  // namespace fluorosim::render
