// libyaml, for FwdConfig's streaming config parser (package libyaml-dev).
#include <yaml.h>
