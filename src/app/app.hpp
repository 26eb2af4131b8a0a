#pragma once
namespace fluorosim::app {}
