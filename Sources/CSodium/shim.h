#ifndef SEALPOST_CSODIUM_SHIM_H
#define SEALPOST_CSODIUM_SHIM_H
#include <sodium.h>
#endif
