// All payload types of the wire contract (CONTRACT.md sections 5 and 8).
#pragma once

#include "chatdetails.h"
#include "events.h"
#include "message.h"
#include "timestamp.h"
#include "userprofile.h"
#include "validation.h"
