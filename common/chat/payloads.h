// All payload types of the wire contract (docs/API.md: the events and the HTTP API).
#pragma once

#include "common/chat/chatdetails.h"
#include "common/chat/events.h"
#include "common/chat/message.h"
#include "common/chat/messagechanges.h"
#include "common/chat/searchhit.h"
#include "common/chat/timestamp.h"
#include "common/chat/userprofile.h"
#include "common/chat/validation.h"
