// All payload types of the wire contract (docs/API.md: the events and the HTTP API).
#pragma once

#include "common/contract/chatdetails.h"
#include "common/contract/events.h"
#include "common/contract/message.h"
#include "common/contract/messagechanges.h"
#include "common/contract/searchhit.h"
#include "common/contract/timestamp.h"
#include "common/contract/userprofile.h"
#include "common/contract/validation.h"
